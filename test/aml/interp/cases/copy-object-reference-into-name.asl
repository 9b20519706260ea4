// Name: CopyObject of a reference into a name makes reads of the name go through the reference
// Expect: int => 0x3F
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (VALU, 0x3F)
    Name (ALS0, Zero)
    Method (MAIN, 0, NotSerialized)
    {
        CopyObject (RefOf (VALU), ALS0)
        Return (DerefOf (ALS0))
    }
}
