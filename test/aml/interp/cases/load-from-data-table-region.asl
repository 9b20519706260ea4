// Name: Load takes a table straight from a DataTableRegion that maps it
// Expect: int => 0x0F77
// Peer: differs: ACPICA 20200925 loads only from SystemMemory regions (AE_AML_OPERAND_TYPE); ACPI 6.5 §19.6.70 takes any operation region, and a DataTableRegion maps a table in memory
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    DataTableRegion (DTR0, "OEM1", "CPUHP", "EXTRA")
    Method (MAIN, 0, NotSerialized)
    {
        Load (DTR0, Local0)
        Local1 = "\\EXVL"
        Return ((ObjectType (Local0) << 8) | DerefOf (Local1))
    }
}
DefinitionBlock ("", "OEM1", 2, "CPUHP", "EXTRA", 0x00000001)
{
    Name (EXVL, 0x77)
}
