// Name: Storing through Index of a named package changes the package itself
// Expect: int => 0x99
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (PKG0, Package () { 0x01, 0x02, 0x03 })
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Index (PKG0, 1)
        Local0 = 0x55          // overwrites Local0, not the element
        Index (PKG0, 2) = 0x99
        Return (DerefOf (Index (PKG0, 2)) + DerefOf (Index (PKG0, 1)) - 0x02)
    }
}
