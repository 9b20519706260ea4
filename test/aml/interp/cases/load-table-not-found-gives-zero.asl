// Name: LoadTable of a table the host does not have gives Zero, not an error
// Expect: int => 0x00
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Return (LoadTable ("OEM9", "NOPE", "NOTABLE", "", "", Zero))
    }
}
