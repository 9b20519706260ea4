// Name: ToHexString turns an Integer into hex digits, a Buffer into 0x-prefixed comma-separated bytes, and keeps a String
// Expect: str => 000000000000001A|0x01,0xAB,0x00|text
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        ToHexString (0x1A, Local0)
        Local1 = ToHexString (Buffer () { 0x01, 0xAB, 0x00 })
        Local2 = ToHexString ("text")
        Local3 = Concatenate (Local0, "|")
        Local3 = Concatenate (Local3, Local1)
        Local3 = Concatenate (Local3, "|")
        Return (Concatenate (Local3, Local2))
    }
}
