// Name: Increment of Index(package, i) changes the element in place
// Expect: int => 0x0A
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (PKG0, Package () { 0x08, 0x00 })
    Method (MAIN, 0, NotSerialized)
    {
        Increment (Index (PKG0, 0))
        Increment (Index (PKG0, 0))
        Return (DerefOf (Index (PKG0, 0)))
    }
}
