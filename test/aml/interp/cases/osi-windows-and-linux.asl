// Name: _OSI answers true for Windows versions and false for "Linux" and "Darwin", as Linux does
// Expect: int => 0x03
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Zero
        If (_OSI ("Windows 2009")) { Local0 |= One }
        If (_OSI ("Windows 2015")) { Local0 |= 0x02 }
        If (_OSI ("Linux")) { Local0 |= 0x04 }
        If (_OSI ("Darwin")) { Local0 |= 0x08 }
        If (_OSI ("Windows 2099")) { Local0 |= 0x10 }
        Return (Local0)
    }
}
