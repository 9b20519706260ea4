// Name: LoadTable stores its parameter data into the object the parameter path names, after loading
// Expect: int => 0x42
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (PRMV, Zero)
    Method (MAIN, 0, NotSerialized)
    {
        LoadTable ("OEM1", "CPUHP", "EXTRA", "\\", "PRMV", 0x42)
        Return (PRMV)
    }
}
DefinitionBlock ("", "OEM1", 2, "CPUHP", "EXTRA", 0x00000001)
{
    Name (EXVL, 0x77)
}
