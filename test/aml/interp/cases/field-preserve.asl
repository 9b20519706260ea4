// Name: A Preserve field write reads the access unit first and keeps the bits outside the field
// Expect: int => 0xA5C9
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (RGN0, SystemIO, 0x3010, 0x04)
    Field (RGN0, ByteAcc, NoLock, Preserve)
    {
        LOW4,   4,
        HI04,   4,
        BYT1,   8
    }
    Field (RGN0, ByteAcc, NoLock, Preserve)
    {
        WHOL,   16
    }

    Method (MAIN, 0, NotSerialized)
    {
        WHOL = 0xA5C3       // two byte writes, no reads: the field covers whole bytes
        LOW4 = 0x09         // reads 0xC3, writes 0xC9
        Debug = HI04
        Return (WHOL)
    }
}
