// Name: Buffer pads a short initializer with zeros, takes its size at run time, and String literals are stored as given
// Expect: buf => 01 02 00 09 00 00 61 62 00
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (STR0, "abc")

    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Buffer (0x03) { 0x01, 0x02 }       // padded to 3
        Local1 = 0x03
        Local2 = Buffer (Local1) { 0x09 }           // size from a Local
        Local3 = Concatenate (Local0, Local2)
        Return (Concatenate (Local3, ToBuffer (Mid (STR0, Zero, 0x02))))  // "ab" and its terminator
    }
}
