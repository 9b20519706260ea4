// Name: _REG runs once for each region of the space in its scope
// Expect: int => 0x02
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (REGC, Zero)
    Device (EC0)
    {
        Name (_HID, "PNP0C09")
        OperationRegion (ECR1, EmbeddedControl, Zero, 0x10)
        OperationRegion (ECR2, EmbeddedControl, 0x20, 0x10)
        Method (_REG, 2, NotSerialized)
        {
            REGC++
        }
    }
    Method (MAIN, 0, NotSerialized)
    {
        Return (REGC)
    }
}
