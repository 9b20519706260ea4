// Name: A method reads an EmbeddedControl field only after _REG said the space is available
// Expect: int => 0x5A
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Device (EC0)
    {
        Name (_HID, "PNP0C09")
        Name (ECOK, Zero)
        OperationRegion (ECOR, EmbeddedControl, Zero, 0xFF)
        Field (ECOR, ByteAcc, NoLock, Preserve)
        {
            Offset (0x10),
            BATL,   8,
            BATH,   8
        }
        Method (_REG, 2, NotSerialized)
        {
            If (Arg0 == 0x03)
            {
                ECOK = Arg1
            }
        }
        Method (RBAT, 0, NotSerialized)
        {
            If (ECOK)
            {
                BATL = 0x5A
                Return (BATL)
            }
            Return (Ones)
        }
    }
    Method (MAIN, 0, NotSerialized)
    {
        Return (\EC0.RBAT ())
    }
}
