// Name: LEqual with a String first converts an Integer second operand to its 16-digit hex string
// Expect: int => 0xFFFFFFFFFFFFFFFF
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Return (LEqual ("000000000000001F", 0x1F))
    }
}
