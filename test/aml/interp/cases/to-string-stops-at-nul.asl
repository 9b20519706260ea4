// Name: ToString of a Buffer stops at the first NUL byte
// Expect: str => abc
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Buffer () { 0x61, 0x62, 0x63, 0x00, 0x64 }
        Return (ToString (Local0, Ones))
    }
}
