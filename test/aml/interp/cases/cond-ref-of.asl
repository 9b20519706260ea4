// Name: CondRefOf is true and stores a reference for an existing name, and false for a missing one
// Expect: int => 0x4207
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    External (\NOPE, IntObj)
    Name (EXIS, 0x42)

    Method (MAIN, 0, NotSerialized)
    {
        Local1 = Zero
        Local2 = Zero
        If (CondRefOf (EXIS, Local0))
        {
            Local2 |= One
            Local1 = DerefOf (Local0)
        }
        If (!CondRefOf (\NOPE))
        {
            Local2 |= 0x02
        }
        If (CondRefOf (\_SB))
        {
            Local2 |= 0x04
        }
        Return ((Local1 << 8) | Local2)
    }
}
