// Name: Storing into an element of a package Arg changes the caller's package (packages are passed by reference)
// Expect: int => 0x02
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (PKG0, Package () { 0x01 })
    Method (CHNG, 1, NotSerialized)
    {
        Arg0 [0] = 0x02
    }
    Method (MAIN, 0, NotSerialized)
    {
        CHNG (PKG0)
        Return (DerefOf (Index (PKG0, 0)))
    }
}
