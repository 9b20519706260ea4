// Name: Increment and Decrement of a DerefOf(reference) change the referenced named integer
// Expect: int => 0x12
// Peer: differs: ACPICA 20200925 refuses DerefOf as Increment's operand (AE_AML_OPERAND_TYPE); Windows changes the referenced object
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (CNTR, 0x10)
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = RefOf (CNTR)
        Increment (DerefOf (Local0))
        Increment (DerefOf (Local0))
        Increment (DerefOf (Local0))
        Decrement (DerefOf (Local0))
        Return (CNTR)
    }
}
