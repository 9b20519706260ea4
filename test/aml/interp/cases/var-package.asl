// Name: A Package whose size is computed at run time (VarPackage) has that many elements, the rest empty
// Expect: int => 0x52
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = 0x05
        Local1 = Package (Local0) { One, 0x02 }
        Debug = Local1
        Return ((SizeOf (Local1) << 4) | DerefOf (Index (Local1, One)))
    }
}
