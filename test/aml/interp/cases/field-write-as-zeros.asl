// Name: A WriteAsZeros field write does not read and clears the bits outside the field
// Expect: int => 0x30
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (RGN0, SystemIO, 0x3019, One)
    Field (RGN0, ByteAcc, NoLock, WriteAsZeros)
    {
        Offset (0x00),
        ,       4,
        HI04,   4
    }
    Field (RGN0, ByteAcc, NoLock, Preserve)
    {
        WHOL,   8
    }

    Method (MAIN, 0, NotSerialized)
    {
        WHOL = 0x5A
        HI04 = 0x03         // writes 0x30 without reading
        Return (WHOL)
    }
}
