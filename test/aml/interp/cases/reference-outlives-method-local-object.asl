// Name: A reference to a name a method created stays readable after the method returns (Windows keeps the object while referenced)
// Expect: int => 0x4D
// Peer: differs: ACPICA 20200925 deletes the object at method exit and the reference then fails (AE_TYPE); Windows keeps a referenced object alive
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (KEEP, Package () { Zero })
    Method (MKOB, 0, NotSerialized)
    {
        Name (TEMP, 0x4D)
        KEEP [0] = RefOf (TEMP)
    }
    Method (MAIN, 0, NotSerialized)
    {
        MKOB ()
        Return (DerefOf (DerefOf (Index (KEEP, 0))))
    }
}
