// Name: Storing RefOf(name) into a package element keeps a reference that DerefOf reads through later
// Expect: int => 0x3F
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (VALU, 0x01)
    Name (PKG0, Package (0x02) {})
    Method (MAIN, 0, NotSerialized)
    {
        PKG0 [Zero] = RefOf (VALU)
        VALU = 0x3F
        Return (DerefOf (DerefOf (Index (PKG0, Zero))))
    }
}
