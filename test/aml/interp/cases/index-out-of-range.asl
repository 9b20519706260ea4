// Name: Index past the end of a package fails the evaluation
// Expect: error => index-out-of-range
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (PKG0, Package (0x02) { One, 0x02 })

    Method (MAIN, 0, NotSerialized)
    {
        Local1 = 0x05
        Debug = DerefOf (Index (PKG0, One))
        Local0 = DerefOf (Index (PKG0, Local1))
        Return (Local0)
    }
}
