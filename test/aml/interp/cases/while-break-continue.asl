// Name: While with Break and Continue sums the odd numbers below 10 and stops after 15
// Expect: int => 0x19
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Zero       // counter
        Local1 = Zero       // sum
        While (One)
        {
            Local0++
            If (Local0 > 15)
            {
                Break
            }
            If ((Local0 & One) == Zero)
            {
                Continue    // even: skip the rest of the body
            }
            If (Local0 >= 10)
            {
                Continue
            }
            Local1 += Local0
        }
        Debug = Local0      // 16: Break left the loop at the first value above 15
        Return (Local1)     // 1 + 3 + 5 + 7 + 9
    }
}
