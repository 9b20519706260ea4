// Name: A reference to a package element kept in a Local reads the element's later value
// Expect: int => 0x66
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (PKG0, Package () { 0x01, 0x02 })
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Index (PKG0, 1)
        PKG0 [1] = 0x66
        Return (DerefOf (Local0))
    }
}
