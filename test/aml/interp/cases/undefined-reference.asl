// Name: Calling a method that was declared External but never defined fails the evaluation
// Expect: error => undefined-reference
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    External (\NOPE, MethodObj)

    Method (MAIN, 0, NotSerialized)
    {
        Debug = "before"
        Local0 = NOPE ()
        Debug = "after"
        Return (Local0)
    }
}
