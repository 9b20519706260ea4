// Name: Concatenate of a Buffer and an Integer appends the integer bytes
// Expect: buf => ff 34 12 00 00 00 00 00 00
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Buffer () { 0xFF }
        Local1 = 0x1234
        Return (Concatenate (Local0, Local1))
    }
}
