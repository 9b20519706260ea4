// Name: _REG(3, 1) runs in the scope of an EmbeddedControl region once its handler is available
// Expect: int => 0x0301
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (REGA, Zero)
    Device (EC0)
    {
        Name (_HID, "PNP0C09")
        OperationRegion (ECOR, EmbeddedControl, Zero, 0x10)
        Method (_REG, 2, NotSerialized)
        {
            REGA = (Arg0 << 8) | Arg1
        }
    }
    Method (MAIN, 0, NotSerialized)
    {
        Return (REGA)
    }
}
