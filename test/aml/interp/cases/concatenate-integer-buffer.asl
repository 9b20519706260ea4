// Name: Concatenate of an Integer and a Buffer converts the Buffer to an Integer: 16 bytes
// Expect: buf => 07 00 00 00 00 00 00 00 aa bb 00 00 00 00 00 00
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = 0x07
        Local1 = Buffer () { 0xAA, 0xBB }
        Return (Concatenate (Local0, Local1))
    }
}
