// Name: Store to a named Buffer keeps its length: longer data is cut, shorter data is zero-filled
// Expect: buf => 78 56 22 11 00 00 00 00 00 00 00 00
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (BUF0, Buffer (0x02) { 0xFF, 0xFF })
    Name (BUF1, Buffer (0x0A) { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })

    Method (MAIN, 0, NotSerialized)
    {
        BUF0 = 0x12345678
        BUF1 = Buffer () { 0x22, 0x11 }
        Debug = SizeOf (BUF0)
        Debug = SizeOf (BUF1)
        Return (Concatenate (BUF0, BUF1))
    }
}
