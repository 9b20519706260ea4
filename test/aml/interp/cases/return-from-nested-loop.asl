// Name: Return inside nested While loops leaves the method at once with its value
// Expect: int => 0x3
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (FIND, 1, NotSerialized)
    {
        Local0 = Zero
        While (One)
        {
            Local1 = Zero
            While (Local1 < 10)
            {
                If (((Local0 * 10) + Local1) == Arg0)
                {
                    Return (Local0)
                }
                Local1++
            }
            Local0++
        }
        Return (Ones)
    }

    Method (MAIN, 0, NotSerialized)
    {
        Return (FIND (37))
    }
}
