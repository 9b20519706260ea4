// Name: CondRefOf puts a reference in a Local, and a store through DerefOf-less Arg writes the object
// Expect: int => 0x3C
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (VALU, 0x01)
    Method (PUTV, 1, NotSerialized)
    {
        Arg0 = 0x3C
    }
    Method (MAIN, 0, NotSerialized)
    {
        If (CondRefOf (VALU, Local0))
        {
            PUTV (Local0)
        }
        Return (VALU)
    }
}
