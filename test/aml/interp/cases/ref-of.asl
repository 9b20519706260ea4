// Name: RefOf gives a reference that DerefOf reads through, and that still sees later changes
// Expect: int => 0x1055
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (VALU, 0x10)

    Method (MAIN, 0, NotSerialized)
    {
        Local0 = RefOf (VALU)
        Local1 = DerefOf (Local0)   // 0x10
        VALU = 0x55
        Return ((Local1 << 8) | DerefOf (Local0))
    }
}
