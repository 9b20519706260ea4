// Name: Reading a Local that was never stored to fails the evaluation
// Expect: error => uninitialized
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (UNIL, 1, NotSerialized)
    {
        If (Arg0)
        {
            Local0 = One                // iasl rejects a Local read with no store before it
        }
        Return (Local0 + One)
    }

    Method (MAIN, 0, NotSerialized)
    {
        Debug = UNIL (One)              // 2
        Return (UNIL (Zero))
    }
}
