// Name: Concatenate of a String and a Package appends the name of the object type, as Windows does
// Expect: str => pkg:[Package Object]
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (PKG0, Package () { One })
    Method (MAIN, 0, NotSerialized)
    {
        Return (Concatenate ("pkg:", PKG0))
    }
}
