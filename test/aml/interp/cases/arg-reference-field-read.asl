// Name: An Arg holding RefOf(field unit) reads the register when used as a value
// Expect: int => 0x5C
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (REGN, SystemMemory, 0x00100200, 0x10)
    Field (REGN, ByteAcc, NoLock, Preserve)
    {
        FLD0,   8
    }
    Method (READ, 1, NotSerialized)
    {
        Return (DerefOf (Arg0) + Zero)
    }
    Method (MAIN, 0, NotSerialized)
    {
        FLD0 = 0x5C
        Return (READ (RefOf (FLD0)))
    }
}
