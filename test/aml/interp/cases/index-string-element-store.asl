// Name: Storing through Index into a named string changes that character
// Expect: str => aXc
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (STR0, "abc")
    Method (MAIN, 0, NotSerialized)
    {
        Index (STR0, 1) = 0x58
        Return (STR0)
    }
}
