// Name: LoadTable finds a table in the host list by signature and IDs, loads it and gives a DDBHandle
// Expect: int => 0x0F77
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = LoadTable ("OEM1", "CPUHP", "EXTRA", "", "", Zero)
        Local1 = "\\EXVL"
        Return ((ObjectType (Local0) << 8) | DerefOf (Local1))
    }
}
DefinitionBlock ("", "OEM1", 2, "CPUHP", "EXTRA", 0x00000001)
{
    Name (EXVL, 0x77)
}
