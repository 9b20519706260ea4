// Name: Acquiring a mutex of a lower sync level while holding a higher one fails the evaluation
// Expect: error => mutex-order
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Mutex (MTX0, 0x00)
    Mutex (MTX5, 0x05)

    Method (MAIN, 0, NotSerialized)
    {
        Acquire (MTX5, 0xFFFF)
        Debug = "holding level 5"
        Acquire (MTX0, 0xFFFF)          // level 0 < 5
        Release (MTX0)
        Release (MTX5)
        Return (One)
    }
}
