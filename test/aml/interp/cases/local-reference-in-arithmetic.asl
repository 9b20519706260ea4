// Name: A Local holding RefOf(name) used in arithmetic reads the named object
// Expect: int => 0x11
// Peer: differs: ACPICA 20200925 refuses a reference as a data operand (AE_AML_OPERAND_TYPE); Windows reads what it refers to
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (VALU, 0x10)
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = RefOf (VALU)
        Return (Local0 + One)
    }
}
