// Name: A 16- or 32-bit field in an EmbeddedControl region is moved in one access of its own width, whatever its AccessType
// Expect: int => 0x11224578
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (ECOR, EmbeddedControl, Zero, 0xFF)
    Field (ECOR, ByteAcc, Lock, Preserve)
    {
        Offset (0x38),
        BRCL,   16,
        Offset (0x40),
        BCAP,   32,
        Offset (0x48),
        BFLG,   8
    }
    Method (MAIN, 0, NotSerialized)
    {
        BRCL = 0x1234
        BCAP = 0x11223344
        BFLG = 0x01
        Return (BRCL + BCAP + BFLG - One)
    }
}
