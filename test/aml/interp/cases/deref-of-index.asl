// Name: DerefOf(Index()) reads package elements, nested packages, string characters and buffer bytes
// Expect: int => 0xB7
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (PKG0, Package () { 0x10, Package () { 0x20, 0x30 }, "abc", Buffer () { 0x04, 0x05 } })

    Method (MAIN, 0, NotSerialized)
    {
        Local0 = DerefOf (Index (PKG0, Zero))                               // 0x10
        Local1 = DerefOf (Index (DerefOf (Index (PKG0, One)), One))         // 0x30
        Local2 = DerefOf (Index (DerefOf (Index (PKG0, 0x02)), One))        // 'b'
        Local3 = DerefOf (Index (DerefOf (Index (PKG0, 0x03)), Zero))       // 4
        Store (0x11, Index (PKG0, Zero))                                    // write an element
        Debug = PKG0
        Return (Local0 + Local1 + Local2 + Local3 + DerefOf (PKG0 [Zero]))
    }
}
