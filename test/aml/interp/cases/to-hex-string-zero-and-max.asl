// Name: ToHexString of 0 and of all ones, Windows style: 0x and no leading zeros
// Expect: str => 0x0/0xFFFFFFFFFFFFFFFF
// Peer: differs: ACPICA 20200925 gives all 16 digits and no 0x for an Integer; Windows gives 0x and the significant digits
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Zero
        Local1 = Ones
        Return (Concatenate (Concatenate (ToHexString (Local0), "/"), ToHexString (Local1)))
    }
}
