// Name: Sleep (milliseconds) and Stall (microseconds) return and execution goes on after them
// Expect: int => 0x5A
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = 0x50
        Sleep (0x02)
        Local0 += 0x05
        Stall (0x32)
        Local0 += 0x05
        Return (Local0)
    }
}
