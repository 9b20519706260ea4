// Name: ToInteger reads "0x" strings as hex, other strings as decimal, and buffers little-endian
// Expect: int => 0x24A
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        ToInteger ("0x1F", Local0)              // 31
        Local1 = ToInteger ("42")               // 42
        Local2 = ToInteger (Buffer () { 0x01, 0x02 })   // 0x0201
        Local3 = ToInteger (0x07)               // an Integer stays itself
        Debug = Local0
        Debug = Local1
        Debug = Local2
        Return (Local0 + Local1 + Local2 + Local3 - 0x07)
    }
}
