// Name: An Arg holding RefOf(name) reads as the named object in an expression (implicit dereference)
// Expect: int => 0x11
// Peer: differs: ACPICA 20200925 refuses a reference as a data operand (AE_AML_OPERAND_TYPE); Windows reads what it refers to
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (VALU, 0x10)
    Method (ADD1, 1, NotSerialized)
    {
        Return (Arg0 + One)
    }
    Method (MAIN, 0, NotSerialized)
    {
        Return (ADD1 (RefOf (VALU)))
    }
}
