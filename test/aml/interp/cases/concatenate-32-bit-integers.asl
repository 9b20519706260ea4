// Name: In a revision 1 table Concatenate of two Integers gives 4 bytes of each
// Expect: buf => 01 00 00 00 02 00 00 00
DefinitionBlock ("", "DSDT", 1, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = One
        Local1 = 0x02
        Return (Concatenate (Local0, Local1))
    }
}
