// Name: RefOf of a Local holding a reference needs two DerefOf to reach the value
// Expect: int => 0x42
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (VALU, 0x42)
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = RefOf (VALU)
        Local1 = RefOf (Local0)
        Return (DerefOf (DerefOf (Local1)))
    }
}
