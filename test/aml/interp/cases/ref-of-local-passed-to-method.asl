// Name: RefOf(Local) passed to a method lets it change the caller's Local
// Expect: int => 0x0B
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (BUMP, 1, NotSerialized)
    {
        Arg0 = DerefOf (Arg0) + 0x0A
    }
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = One
        BUMP (RefOf (Local0))
        Return (Local0)
    }
}
