// Name: Concatenate of two Integers is a Buffer of both, little-endian, at the integer width
// Expect: buf => 01 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = One
        Local1 = 0x02
        Return (Concatenate (Local0, Local1))
    }
}
