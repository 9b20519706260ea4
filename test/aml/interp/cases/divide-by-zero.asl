// Name: Divide by zero fails the evaluation; what ran before it stays done
// Expect: error => divide-by-zero
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local1 = Zero
        Debug = "before"
        Local0 = (0x10 / Local1)
        Debug = "after"
        Return (Local0)
    }
}
