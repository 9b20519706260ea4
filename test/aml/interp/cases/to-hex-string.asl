// Name: ToHexString turns an Integer into 0x and its hex digits (as Windows), a Buffer into 0x-prefixed comma-separated bytes, and keeps a String
// Expect: str => 0x1A|0x01,0xAB,0x00|text
// Peer: differs: ACPICA 20200925 gives all 16 digits and no 0x for an Integer (000000000000001A); Windows gives 0x1A
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local4 = 0x1A           // a Local: iasl would fold ToHexString of a constant
        ToHexString (Local4, Local0)
        Local1 = ToHexString (Buffer () { 0x01, 0xAB, 0x00 })
        Local2 = ToHexString ("text")
        Local3 = Concatenate (Local0, "|")
        Local3 = Concatenate (Local3, Local1)
        Local3 = Concatenate (Local3, "|")
        Return (Concatenate (Local3, Local2))
    }
}
