// Name: Stores to Debug show integers, strings, buffers and nested packages, in order
// Expect: int => 0x1
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (PKG0, Package () { One, "two", Buffer () { 0x03 }, Package () { 0x04 } })

    Method (MAIN, 0, NotSerialized)
    {
        Debug = 0x1234
        Debug = "text"
        Debug = Buffer () { 0x01, 0x02, 0x03 }
        Debug = Buffer (0x12) { 0xFF }      // longer than one dump line
        Store (PKG0, Debug)
        Debug = Package (0x02) { 0x05 }     // with an empty slot
        Return (One)
    }
}
