// Name: Break leaves only the innermost While; the outer loop keeps counting
// Expect: int => 0x8
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Zero       // outer iterations
        Local2 = Zero       // inner bodies that ran to the end
        While (Local0 < 4)
        {
            Local1 = Zero
            While (One)
            {
                Local1++
                If (Local1 == 3)
                {
                    Break
                }
                Local2++
            }
            Local0++
        }
        Return (Local2)     // 4 outer x 2 inner
    }
}
