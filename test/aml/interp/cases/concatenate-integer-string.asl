// Name: Concatenate of an Integer and a String converts the String to an Integer (hex digits)
// Expect: buf => 05 00 00 00 00 00 00 00 1a 00 00 00 00 00 00 00
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = 0x05
        Local1 = "1A"
        Return (Concatenate (Local0, Local1))
    }
}
