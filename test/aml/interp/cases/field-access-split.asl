// Name: A DWordAcc field straddling a dword boundary is read and written as two dword accesses
// Expect: int => 0x11223344
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (RGN0, SystemIO, 0x3000, 0x08)
    Field (RGN0, DWordAcc, NoLock, Preserve)
    {
        Offset (0x02),
        FLD0,   32          // bytes 2..5: half in the dword at 0, half in the dword at 4
    }
    Field (RGN0, DWordAcc, NoLock, Preserve)
    {
        ALL0,   32,
        ALL1,   32
    }

    Method (MAIN, 0, NotSerialized)
    {
        ALL0 = 0xAAAAAAAA
        ALL1 = 0xBBBBBBBB
        FLD0 = 0x11223344   // read-modify-write of both dwords
        Debug = ALL0        // 0x3344AAAA
        Debug = ALL1        // 0xBBBB1122
        Return (FLD0)
    }
}
