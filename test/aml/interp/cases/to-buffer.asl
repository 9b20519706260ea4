// Name: ToBuffer gives an Integer's 8 little-endian bytes and a String's characters plus its terminator
// Expect: buf => 02 01 00 00 00 00 00 00 61 62 00 07
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        ToBuffer (0x0102, Local0)
        Local1 = ToBuffer ("ab")
        Local2 = ToBuffer (Buffer () { 0x07 })  // a Buffer stays itself
        Return (Concatenate (Concatenate (Local0, Local1), Local2))
    }
}
