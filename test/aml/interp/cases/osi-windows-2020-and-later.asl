// Name: _OSI answers true for Windows 2020, 2021 and 2022, as Linux 6.12 does
// Expect: int => 0x07
// Peer: differs: ACPICA 20200925 knows Windows versions only up to "Windows 2019"
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Zero
        If (_OSI ("Windows 2020")) { Local0 |= One }
        If (_OSI ("Windows 2021")) { Local0 |= 0x02 }
        If (_OSI ("Windows 2022")) { Local0 |= 0x04 }
        Return (Local0)
    }
}
