// Name: A Serialized method may call itself, and names created in a Serialized method exist once per call
// Expect: int => 0x60C
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Mutex (MTX0, 0x00)
    Name (CNT0, Zero)

    Method (SUMD, 1, Serialized)
    {
        CNT0++
        If (Arg0 > Zero)
        {
            Return (SUMD (Arg0 - One) + (Arg0 * 0x02))  // re-entry by the thread that holds the method's mutex
        }
        Return (Zero)
    }

    Method (TMPN, 1, Serialized)
    {
        Name (TMP0, Zero)       // created on entry, deleted on exit: no clash on the next call
        TMP0 = (Arg0 + One)
        CNT0++
        Return (TMP0)
    }

    Method (MAIN, 0, NotSerialized)
    {
        Acquire (MTX0, 0xFFFF)
        Local0 = SUMD (0x03)    // 6 + 4 + 2 + 0, four calls; TMPN adds two more
        Release (MTX0)
        Local1 = TMPN (0x04)
        Local1 = TMPN (Local1)  // 6
        Debug = Local1
        Return ((CNT0 << 8) | Local0 | (Local1 - 0x06))
    }
}
