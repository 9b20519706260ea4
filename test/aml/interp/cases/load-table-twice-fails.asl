// Name: LoadTable of a table that is already loaded fails
// Expect: error => already-exists
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        LoadTable ("OEM1", "CPUHP", "EXTRA", "", "", Zero)
        LoadTable ("OEM1", "CPUHP", "EXTRA", "", "", Zero)
        Return (Zero)
    }
}
DefinitionBlock ("", "OEM1", 2, "CPUHP", "EXTRA", 0x00000001)
{
    Name (EXVL, 0x77)
}
