// Name: Shifting by the integer width or more gives 0; by width - 1 keeps one bit
// Expect: int => 0x8000000000000001
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = (One << 0x40)
        Local1 = (Ones >> 0x40)
        Local2 = (One << 0x3F)
        Local3 = (Ones >> 0x3F)
        Local4 = (One << 0x100)
        Debug = Local0
        Debug = Local1
        Debug = Local4
        Return (Local0 | Local1 | Local2 | Local3 | Local4)
    }
}
