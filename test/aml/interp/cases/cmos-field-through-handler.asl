// Name: A SystemCMOS field goes through the host handler of that space
// Expect: int => 0x2A
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (CMOS, SystemCMOS, Zero, 0x80)
    Field (CMOS, ByteAcc, NoLock, Preserve)
    {
        Offset (0x70),
        CMV0,   8
    }
    Method (MAIN, 0, NotSerialized)
    {
        CMV0 = 0x2A
        Return (CMV0)
    }
}
