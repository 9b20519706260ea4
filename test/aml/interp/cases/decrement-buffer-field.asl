// Name: Decrement of a buffer field changes the bytes of its buffer
// Expect: buf => 10 1f 30
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (BUF0, Buffer () { 0x10, 0x20, 0x30 })
    CreateByteField (BUF0, 0x01, MIDL)
    Method (MAIN, 0, NotSerialized)
    {
        Decrement (MIDL)
        Return (BUF0)
    }
}
