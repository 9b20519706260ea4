// Name: A field in a DataTableRegion reads the bytes of the named table (here its signature)
// Expect: int => 0x314D454F
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    DataTableRegion (DTR0, "OEM1", "CPUHP", "EXTRA")
    Field (DTR0, AnyAcc, NoLock, Preserve)
    {
        SIG0,   32,
        LEN0,   32
    }
    Method (MAIN, 0, NotSerialized)
    {
        Return (SIG0)
    }
}
DefinitionBlock ("", "OEM1", 2, "CPUHP", "EXTRA", 0x00000001)
{
    Name (EXVL, 0x77)
}
