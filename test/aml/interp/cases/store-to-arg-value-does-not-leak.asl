// Name: A package passed by value to a method is not changed by stores into the Arg itself
// Expect: int => 0x01
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (PKG0, Package () { 0x01 })
    Method (CHNG, 1, NotSerialized)
    {
        Arg0 = Package () { 0x02 }
    }
    Method (MAIN, 0, NotSerialized)
    {
        CHNG (PKG0)
        Return (DerefOf (Index (PKG0, 0)))
    }
}
