// Name: Storing through Index into a Buffer writes one byte, the low byte of the value
// Expect: buf => 00 34 56 00
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (BUF0, Buffer (0x04) {})

    Method (MAIN, 0, NotSerialized)
    {
        BUF0 [One] = 0x1234
        Store (0x56, Index (BUF0, 0x02))
        Return (BUF0)
    }
}
