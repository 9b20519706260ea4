// Name: Nested packages keep their shape; SizeOf, Index and DerefOf reach inner elements and empty slots
// Expect: int => 0x3324
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (PKG0, Package () { Package () { One, 0x02, Package () { 0x03, 0x04 } }, "five", Package (0x02) { 0x06 } })

    Method (MAIN, 0, NotSerialized)
    {
        Local0 = SizeOf (PKG0)                                          // 3
        Local1 = SizeOf (DerefOf (Index (PKG0, Zero)))                  // 3
        Local2 = DerefOf (Index (DerefOf (Index (DerefOf (Index (PKG0, Zero)), 0x02)), One))   // 4
        Local3 = ObjectType (Index (DerefOf (Index (PKG0, 0x02)), One)) // empty slot: 0
        Local4 = SizeOf (DerefOf (Index (PKG0, 0x02)))                  // 2
        Debug = PKG0
        Return ((Local0 << 12) | (Local1 << 8) | (Local4 << 4) | Local2 | Local3)
    }
}
