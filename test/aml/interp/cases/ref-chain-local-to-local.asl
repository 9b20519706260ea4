// Name: A reference stored in a Local is copied to another Local and both read the same object
// Expect: int => 0x77
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (VALU, 0x10)
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = RefOf (VALU)
        Local1 = Local0
        VALU = 0x77
        Return (DerefOf (Local1))
    }
}
