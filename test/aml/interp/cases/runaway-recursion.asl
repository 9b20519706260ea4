// Name: A method that calls itself without end is stopped by the call depth limit
// Expect: error => call-depth
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    // Nothing observable per call: ACPICA stops at 255 nested runs of one method
    // (AE_AML_METHOD_LIMIT), we at limits.callDepth, so only the failure compares.
    Method (RECU, 1, NotSerialized)
    {
        Return (RECU (Arg0 + One))
    }

    Method (MAIN, 0, NotSerialized)
    {
        Return (RECU (Zero))
    }
}
