// Name: Concatenate of a Buffer and a String appends the characters and the terminating NUL
// Expect: buf => 01 02 6f 6b 00
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Buffer () { 0x01, 0x02 }
        Local1 = "ok"
        Return (Concatenate (Local0, Local1))
    }
}
