// Name: Storing an Integer into a named String converts it to 16 upper-case hex digits
// Expect: str => 00000000000000AB
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (STR0, "")
    Method (MAIN, 0, NotSerialized)
    {
        STR0 = 0xAB
        Return (STR0)
    }
}
