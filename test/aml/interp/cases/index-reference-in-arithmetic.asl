// Name: An Index reference used directly as an arithmetic operand reads the element
// Expect: int => 0x23
// Peer: differs: ACPICA 20200925 refuses a reference as a data operand (AE_AML_OPERAND_TYPE); Windows reads what it refers to
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (PKG0, Package () { 0x11, 0x22 })
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Index (PKG0, One)
        Return (Local0 + One)
    }
}
