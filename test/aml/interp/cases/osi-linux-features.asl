// Name: _OSI answers true for the features Linux installs (Module Device, Processor Aggregator Device, Linux-Dell-Video)
// Expect: int => 0x07
// Peer: differs: acpiexec answers only ACPICA's own list, without the features Linux installs (drivers/acpi/osi.c)
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Zero
        If (_OSI ("Module Device")) { Local0 |= One }
        If (_OSI ("Processor Aggregator Device")) { Local0 |= 0x02 }
        If (_OSI ("Linux-Dell-Video")) { Local0 |= 0x04 }
        If (_OSI ("3.0 Thermal Model")) { Local0 |= 0x08 }
        Return (Local0)
    }
}
