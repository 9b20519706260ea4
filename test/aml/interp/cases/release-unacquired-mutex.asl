// Name: Releasing a mutex that is not held fails the evaluation
// Expect: error => mutex-not-acquired
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Mutex (MTX0, 0x00)

    Method (MAIN, 0, NotSerialized)
    {
        Acquire (MTX0, 0xFFFF)
        Release (MTX0)
        Debug = "released once"
        Release (MTX0)
        Return (One)
    }
}
