// Name: Buffer fields read across byte boundaries; wider than 64 bits they read as a Buffer
// Expect: int => 0x0504030DA9
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (BUF0, Buffer () { 0xF0, 0x0F, 0xAA, 0x55, 0x01, 0x02, 0x03, 0x04, 0x05 })

    Method (MAIN, 0, Serialized)
    {
        CreateField (BUF0, 0x04, 0x08, MID8)    // bits 4..11: 0xFF
        CreateField (BUF0, 0x0C, 0x0C, ODD0)    // bits 12..23: 0xAA0
        CreateField (BUF0, 0x20, 0x28, BIG0)    // bytes 4..8: 0x0504030201
        CreateField (BUF0, Zero, 0x48, HUGE)    // 72 bits: a 9-byte Buffer
        Local0 = (MID8 + ODD0)
        Local1 = BIG0
        Local2 = HUGE
        Debug = Local2
        Debug = ObjectType (Local2)
        Return (Local0 + Local1 + SizeOf (Local2))
    }
}
