// Name: A store to an Arg holding an Index reference replaces the Arg: only RefOf references in Args are written through
// Expect: int => 0x01
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (PKG0, Package () { 0x01, 0x02, 0x03 })
    Method (SETE, 1, NotSerialized)
    {
        Arg0 = 0x5A
    }
    Method (MAIN, 0, NotSerialized)
    {
        SETE (Index (PKG0, 0))
        Return (DerefOf (Index (PKG0, 0)))
    }
}
