// Name: A PCI_Config field is read and written through the host handler, at the region offset plus the field offset
// Expect: int => 0x80861237
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Device (PCI0)
    {
        Name (_HID, EisaId ("PNP0A08"))
        Name (_BBN, Zero)
        Device (DEV1)
        {
            Name (_ADR, 0x00010000)
            OperationRegion (PCFG, PCI_Config, Zero, 0x0100)
            Field (PCFG, DWordAcc, NoLock, Preserve)
            {
                VDID,   32,
                Offset (0x40),
                CTRL,   8
            }
        }
    }
    Method (MAIN, 0, NotSerialized)
    {
        \PCI0.DEV1.VDID = 0x80861237
        \PCI0.DEV1.CTRL = 0x11
        Return (\PCI0.DEV1.VDID)
    }
}
