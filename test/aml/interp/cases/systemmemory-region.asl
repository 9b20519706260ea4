// Name: SystemMemory fields with QWordAcc use 64-bit accesses and read back what was written
// Expect: int => 0x11223344CAFEBAFD
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (MEM0, SystemMemory, 0x10002000, 0x20)
    Field (MEM0, QWordAcc, NoLock, Preserve)
    {
        QWD0,   64,
        DWD8,   32,
        Offset (0x10),
        BYTG,   8
    }
    Field (MEM0, DWordAcc, NoLock, Preserve)
    {
        Offset (0x18),
        DWDO,   32
    }

    Method (MAIN, 0, NotSerialized)
    {
        QWD0 = 0x1122334455667788
        DWD8 = 0xCAFEBABE       // read-modify-write of the qword at 8
        BYTG = 0x3F             // read-modify-write of the qword at 16
        DWDO = 0x01020304
        Return (((QWD0 >> 32) << 32) + DWD8 + BYTG)
    }
}
