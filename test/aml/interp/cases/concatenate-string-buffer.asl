// Name: Concatenate of a String and a Buffer converts the Buffer to 0x-prefixed bytes separated by spaces
// Expect: str => id=0x01 0x02
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = "id="
        Local1 = Buffer () { 0x01, 0x02 }
        Return (Concatenate (Local0, Local1))
    }
}
