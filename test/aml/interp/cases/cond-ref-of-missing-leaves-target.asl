// Name: CondRefOf of a missing name returns Zero and leaves its target as it was
// Expect: int => 0x07
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    External (\_SB.NONE, IntObj)
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = 0x07
        If (CondRefOf (\_SB.NONE, Local0))
        {
            Return (0xFF)
        }
        Return (Local0)
    }
}
