// Name: A method given RefOf(name) as an argument writes the named object when it stores to the Arg
// Expect: int => 0x5501
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (VALU, One)

    Method (SETV, 1, NotSerialized)
    {
        Arg0 = 0x55             // Arg0 holds a reference: the store goes to VALU
    }

    Method (SETL, 1, NotSerialized)
    {
        Arg0 = 0x66             // Arg0 holds a value: only the callee's copy changes
    }

    Method (MAIN, 0, NotSerialized)
    {
        Local0 = One
        SETL (Local0)
        SETV (RefOf (VALU))
        Return ((VALU << 8) | Local0)
    }
}
