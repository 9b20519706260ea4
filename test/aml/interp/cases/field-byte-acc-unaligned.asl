// Name: A ByteAcc field that crosses a byte boundary is accessed as two bytes, low byte first
// Expect: int => 0x2D
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (RGN0, SystemIO, 0x3020, 0x02)
    Field (RGN0, ByteAcc, NoLock, Preserve)
    {
        ,       5,
        SPAN,   6           // bits 5..10
    }
    Field (RGN0, ByteAcc, NoLock, Preserve)
    {
        B000,   8,
        B001,   8
    }

    Method (MAIN, 0, NotSerialized)
    {
        B000 = 0x1F
        B001 = 0xF8
        SPAN = 0x2D         // 101101b: bits 5..7 of byte 0, bits 0..2 of byte 1
        Debug = B000        // 0xBF
        Debug = B001        // 0xFD
        Return (SPAN)
    }
}
