// Name: An IndexField writes the index register, then reads or writes the data register, once per byte
// Expect: int => 0x12
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (IDXR, SystemIO, 0x3050, 0x02)
    Field (IDXR, ByteAcc, NoLock, Preserve)
    {
        INDX,   8,
        DATA,   8
    }
    IndexField (INDX, DATA, ByteAcc, NoLock, Preserve)
    {
        Offset (0x10),
        REGA,   8,
        REGB,   16
    }

    Method (MAIN, 0, NotSerialized)
    {
        REGA = 0x5A         // INDX = 0x10, DATA = 0x5A
        REGB = 0x1234       // INDX = 0x11, DATA = 0x34, INDX = 0x12, DATA = 0x12
        Debug = INDX        // 0x12
        // Plain memory behind the registers: the data register still holds the
        // last byte written, whatever the index says.
        Return (REGA)
    }
}
