// Name: A WordAcc field uses 16-bit accesses at word-aligned addresses, even for a byte-sized field
// Expect: int => 0x77
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (RGN0, SystemIO, 0x3030, 0x04)
    Field (RGN0, WordAcc, NoLock, Preserve)
    {
        Offset (0x01),
        BYT1,   8,          // the high byte of the word at 0
        WRD1,   16          // bytes 2..3
    }

    Method (MAIN, 0, NotSerialized)
    {
        BYT1 = 0x77
        WRD1 = 0xBEEF
        Return (BYT1)
    }
}
