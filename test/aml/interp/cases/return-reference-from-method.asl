// Name: A method returning RefOf(name) lets the caller read and store the named object
// Expect: int => 0x0123
// Peer: differs: ACPICA 20200925 stores into a temporary copy for Store(x, DerefOf(ref)) and VALU stays 1 (0x101); Windows writes the referenced object
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (VALU, 0x01)
    Method (GETR, 0, NotSerialized)
    {
        Return (RefOf (VALU))
    }
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = GETR ()
        Local1 = DerefOf (Local0)
        Store (0x23, DerefOf (Local0))
        Return ((Local1 << 8) | VALU)
    }
}
