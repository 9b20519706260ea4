// Name: SizeOf counts string characters (no terminator), buffer bytes and package elements
// Expect: int => 0x0A030705
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (NSTR, "abcdefghij")

    Method (MAIN, 0, NotSerialized)
    {
        Local0 = "hello"
        Local1 = Buffer (0x07) {}
        Local2 = Package (0x03) {}
        Return (SizeOf (Local0) | (SizeOf (Local1) << 8) | (SizeOf (Local2) << 16) | (SizeOf (NSTR) << 24))
    }
}
