// Name: _REG(2, 1) runs for a PCI_Config region, as Linux and Windows run it
// Expect: int => 0x0201
// Peer: differs: acpiexec installs its own PCI_Config handler before initialising, so ACPICA runs no _REG for it; with the default handler (Linux) and in Windows _REG(2, 1) runs
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (REGA, Zero)
    Device (PCI0)
    {
        Name (_HID, EisaId ("PNP0A08"))
        Device (DEV1)
        {
            Name (_ADR, 0x00010000)
            OperationRegion (PCFG, PCI_Config, Zero, 0x0100)
            Method (_REG, 2, NotSerialized)
            {
                REGA = (Arg0 << 8) | Arg1
            }
        }
    }
    Method (MAIN, 0, NotSerialized)
    {
        Return (REGA)
    }
}
