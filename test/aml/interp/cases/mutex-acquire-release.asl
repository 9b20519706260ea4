// Name: Acquire returns 0 when it gets the mutex, the owner may acquire again, and releases go in reverse order
// Expect: int => 0x40
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Mutex (MTX0, 0x00)
    Mutex (MTX1, 0x03)

    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Acquire (MTX0, 0xFFFF)     // 0: acquired
        Local1 = Acquire (MTX0, Zero)       // 0: the owner acquires again
        Local2 = Acquire (MTX1, 0x0A)       // 0: a higher sync level may be taken while holding 0
        Release (MTX1)
        Release (MTX0)
        Release (MTX0)
        Local3 = Acquire (MTX1, 0xFFFF)     // free again
        Release (MTX1)
        Debug = Local0
        Debug = Local1
        Debug = Local2
        Debug = Local3
        Return (Local0 + Local1 + Local2 + Local3 + 0x40)
    }
}
