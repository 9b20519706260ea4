// Name: Storing a named Buffer into a Local copies it, so writing the Local leaves the name unchanged
// Expect: int => 0xAA01
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (BUF0, Buffer () { 0x01, 0x02, 0x03 })

    Method (MAIN, 0, NotSerialized)
    {
        Store (BUF0, Local0)
        Store (0xAA, Index (Local0, Zero))
        Debug = BUF0
        Debug = Local0
        Return (DerefOf (Index (BUF0, Zero)) | (DerefOf (Index (Local0, Zero)) << 8))
    }
}
