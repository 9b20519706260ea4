// Name: A While loop that never ends is stopped by the interpreter's loop limit
// Expect: error => loop-timeout
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        // Nothing observable inside the loop: ACPICA stops it after a time
        // (acpiexec -to), we after limits.loopIterations, so the differential
        // can only compare that both fail, not how far the loop got.
        Local0 = Zero
        While (One)
        {
            Local0++
        }
        Return (Local0)
    }
}
