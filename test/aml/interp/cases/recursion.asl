// Name: Recursive methods (factorial, Fibonacci) get a fresh set of Locals per call
// Expect: int => 0x1C8CFC37
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (FACT, 1, NotSerialized)
    {
        If (Arg0 <= One)
        {
            Return (One)
        }
        Local0 = Arg0
        Return (Local0 * FACT (Arg0 - One))
    }

    Method (FIB, 1, NotSerialized)
    {
        If (Arg0 < 0x02)
        {
            Return (Arg0)
        }
        Local0 = FIB (Arg0 - One)
        Local1 = FIB (Arg0 - 0x02)
        Return (Local0 + Local1)
    }

    Method (MAIN, 0, NotSerialized)
    {
        Return (FACT (0x0C) + FIB (0x0A))    // 479001600 + 55
    }
}
