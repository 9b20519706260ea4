// Name: A package element naming a device holds a reference whose ObjectType is Device
// Expect: int => 0x06
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Device (DEV0)
    {
        Name (_ADR, Zero)
    }
    Name (PKG0, Package () { DEV0 })
    Method (MAIN, 0, NotSerialized)
    {
        Return (ObjectType (DerefOf (Index (PKG0, 0))))
    }
}
