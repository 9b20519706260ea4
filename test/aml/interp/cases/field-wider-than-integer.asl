// Name: A region field wider than an Integer reads as a Buffer and takes a Buffer write byte by byte
// Expect: buf => 01 02 03 04 05 06 07 08 09
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (RGN0, SystemIO, 0x3080, 0x10)
    Field (RGN0, ByteAcc, NoLock, Preserve)
    {
        WIDE,   72
    }

    Method (MAIN, 0, NotSerialized)
    {
        WIDE = Buffer () { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09 }
        Local0 = WIDE
        Debug = ObjectType (Local0)     // 3: Buffer
        Return (Local0)
    }
}
