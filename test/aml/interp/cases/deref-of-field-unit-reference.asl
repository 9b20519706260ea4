// Name: DerefOf a reference to a field unit reads the register at that time
// Expect: int => 0xA5
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (REGN, SystemMemory, 0x00100100, 0x10)
    Field (REGN, ByteAcc, NoLock, Preserve)
    {
        FLD0,   8
    }
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = RefOf (FLD0)
        FLD0 = 0xA5
        Return (DerefOf (Local0))
    }
}
