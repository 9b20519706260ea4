// Name: SizeOf and ObjectType see through a reference held in a Local
// Expect: int => 0x0503
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (BUF0, Buffer (0x05) {})
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = RefOf (BUF0)
        Return ((SizeOf (Local0) << 8) | ObjectType (Local0))
    }
}
