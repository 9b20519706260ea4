// Name: ToBuffer of an empty string gives just the terminating NUL
// Expect: buf => 00
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = ""
        Return (ToBuffer (Local0))
    }
}
