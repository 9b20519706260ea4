// Name: An Alias names the same object: reads and writes through either name agree
// Expect: int => 0x99
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (ORIG, 0x10)
    Alias (ORIG, ALS0)
    Method (MTH0, 1, NotSerialized)
    {
        Return (Arg0 + One)
    }
    Alias (MTH0, MALS)

    Method (MAIN, 0, NotSerialized)
    {
        ALS0 = 0x98
        Debug = ORIG
        Return (MALS (ORIG))
    }
}
