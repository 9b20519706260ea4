// Name: _REG runs before the _INI walk, so _INI sees the region marked available
// Expect: int => 0x01
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (SEEN, Zero)
    Device (EC0)
    {
        Name (_HID, "PNP0C09")
        Name (AVBL, Zero)
        OperationRegion (ECOR, EmbeddedControl, Zero, 0x10)
        Method (_REG, 2, NotSerialized)
        {
            If (Arg0 == 0x03)
            {
                AVBL = Arg1
            }
        }
        Method (_INI, 0, NotSerialized)
        {
            SEEN = AVBL
        }
    }
    Method (MAIN, 0, NotSerialized)
    {
        Return (SEEN)
    }
}
