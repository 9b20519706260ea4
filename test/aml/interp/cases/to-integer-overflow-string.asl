// Name: ToInteger of a decimal string too large for 64 bits keeps the value it had reached before overflowing
// Expect: int => 0xFFFFFFFFFFFFFFFF
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = "18446744073709551615"
        Return (ToInteger (Local0))
    }
}
