// Name: Index into a package element that is itself a package, read through DerefOf twice
// Expect: int => 0x33
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (PKG0, Package () { 0x01, Package () { 0x11, 0x22, 0x33 }, 0x03 })
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = DerefOf (Index (PKG0, 1))
        Return (DerefOf (Index (Local0, 2)))
    }
}
