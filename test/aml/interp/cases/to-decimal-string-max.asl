// Name: ToDecimalString of all ones gives every decimal digit
// Expect: str => 18446744073709551615
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Ones
        Return (ToDecimalString (Local0))
    }
}
