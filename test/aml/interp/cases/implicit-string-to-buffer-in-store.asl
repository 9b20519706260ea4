// Name: Storing a String into a named Buffer copies its characters and zero-fills the rest
// Expect: buf => 68 69 00 00
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (BUF0, Buffer (0x04) { 0xFF, 0xFF, 0xFF, 0xFF })
    Method (MAIN, 0, NotSerialized)
    {
        BUF0 = "hi"
        Return (BUF0)
    }
}
