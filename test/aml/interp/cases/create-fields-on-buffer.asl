// Name: CreateBitField/ByteField/WordField/DWordField/QWordField/CreateField write little-endian into a buffer
// Expect: buf => 08 ab 34 12 ef be ad de 08 07 06 05 04 03 02 f1
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (BUF0, Buffer (0x10) {})

    Method (MAIN, 0, Serialized)
    {
        CreateBitField (BUF0, 0x03, BIT3)
        CreateByteField (BUF0, One, BYT1)
        CreateWordField (BUF0, 0x02, WRD2)
        CreateDWordField (BUF0, 0x04, DWD4)
        CreateQWordField (BUF0, 0x08, QWD8)
        CreateField (BUF0, 0x7C, 0x04, NIBL)    // bits 124..127: the top nibble of byte 15
        BIT3 = One
        BYT1 = 0xAB
        WRD2 = 0x1234
        DWD4 = 0xDEADBEEF
        QWD8 = 0x0102030405060708
        NIBL = 0x0F
        Return (BUF0)
    }
}
