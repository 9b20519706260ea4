// Name: A reference passed down two method calls still stores into the named object
// Expect: int => 0x1234
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (VALU, Zero)
    Method (INNR, 1, NotSerialized)
    {
        Arg0 = 0x1234
    }
    Method (OUTR, 1, NotSerialized)
    {
        INNR (Arg0)
    }
    Method (MAIN, 0, NotSerialized)
    {
        OUTR (RefOf (VALU))
        Return (VALU)
    }
}
