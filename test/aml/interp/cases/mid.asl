// Name: Mid takes a slice of a String or a Buffer, cut at the end and empty past it
// Expect: str => worldbc
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Mid ("hello world", 0x06, 0x05)            // "world"
        Mid ("abc", One, 0x0A, Local1)                      // "bc": cut at the end
        Local2 = Mid ("abc", 0x05, 0x02)                    // "": past the end
        Local3 = Mid (Buffer () { 0x01, 0x02, 0x03, 0x04 }, One, 0x02)
        Debug = SizeOf (Local2)
        Debug = Local3
        Return (Concatenate (Local0, Local1))
    }
}
