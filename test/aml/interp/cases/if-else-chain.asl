// Name: If / ElseIf / Else pick exactly one branch, and Return inside a branch leaves the method
// Expect: int => 0x4321
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (CLSF, 1, NotSerialized)
    {
        If (Arg0 < 10)
        {
            Return (One)
        }
        ElseIf (Arg0 < 100)
        {
            Return (0x02)
        }
        Else
        {
            If (Arg0 == 100)
            {
                Return (0x03)
            }
        }
        Return (0x04)
    }

    Method (MAIN, 0, NotSerialized)
    {
        Return (CLSF (5) | (CLSF (50) << 4) | (CLSF (100) << 8) | (CLSF (1000) << 12))
    }
}
