// Name: DerefOf a reference to a buffer field reads the current bytes of the buffer
// Expect: int => 0x2211
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (BUF0, Buffer () { 0x00, 0x00, 0x00, 0x00 })
    CreateWordField (BUF0, 0x01, WRD0)
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = RefOf (WRD0)
        BUF0 = Buffer () { 0x00, 0x11, 0x22, 0x00 }
        Return (DerefOf (Local0))
    }
}
