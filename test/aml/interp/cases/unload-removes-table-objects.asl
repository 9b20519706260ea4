// Name: Unload of a DDBHandle removes the objects its table created
// Expect: int => 0xFFFFFFFFFFFFFFFF
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (BFOR, Zero)
    Method (CHEK, 0, NotSerialized)
    {
        Return (CondRefOf (\EXVL))
    }
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = LoadTable ("OEM1", "CPUHP", "EXTRA", "", "", Zero)
        BFOR = CHEK ()
        Unload (Local0)
        Return (BFOR && !CHEK ())
    }
}
DefinitionBlock ("", "OEM1", 2, "CPUHP", "EXTRA", 0x00000001)
{
    Name (EXVL, 0x77)
}
