// Name: Increment of a field unit reads, adds one and writes the register back
// Expect: int => 0x08
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (REGN, SystemMemory, 0x00100000, 0x10)
    Field (REGN, ByteAcc, NoLock, Preserve)
    {
        CNT0,   8
    }
    Method (MAIN, 0, NotSerialized)
    {
        CNT0 = 0x05
        Increment (CNT0)
        Increment (CNT0)
        Increment (CNT0)
        Return (CNT0)
    }
}
