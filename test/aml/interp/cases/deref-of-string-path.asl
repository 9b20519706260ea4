// Name: DerefOf of a string looks the path up in the namespace and reads the object
// Expect: int => 0x5E
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Scope (\_SB)
    {
        Name (VALU, 0x5E)
    }
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = "\\_SB.VALU"
        Return (DerefOf (Local0))
    }
}
