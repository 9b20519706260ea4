// Name: ToInteger of a short Buffer reads its bytes little-endian
// Expect: int => 0x030201
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Buffer () { 0x01, 0x02, 0x03 }
        Return (ToInteger (Local0))
    }
}
