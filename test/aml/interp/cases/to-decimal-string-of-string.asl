// Name: ToDecimalString of a String returns the String unchanged
// Expect: str => 123
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = "123"
        Return (ToDecimalString (Local0))
    }
}
