// Name: Store to a named Integer or String converts the value to the name's type
// Expect: str => 0000000000000042
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (INT0, Zero)
    Name (STR0, "abc")

    Method (MAIN, 0, NotSerialized)
    {
        INT0 = "1A"         // string to integer: hexadecimal digits
        STR0 = 0x42         // integer to string
        Debug = INT0
        Debug = ObjectType (STR0)
        If (INT0 != 0x1A)
        {
            Return ("bad integer")
        }
        Return (STR0)
    }
}
