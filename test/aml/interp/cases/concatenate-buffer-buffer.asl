// Name: Concatenate of two Buffers joins their bytes
// Expect: buf => 01 02 03
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Buffer () { 0x01 }
        Local1 = Buffer () { 0x02, 0x03 }
        Return (Concatenate (Local0, Local1))
    }
}
