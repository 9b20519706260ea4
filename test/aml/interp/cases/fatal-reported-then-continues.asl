// Name: Fatal is reported to the host and execution goes on, as under Linux
// Expect: int => 0x05
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = 0x04
        Fatal (0x01, 0x00002345, Local0)
        Return (Local0 + One)
    }
}
