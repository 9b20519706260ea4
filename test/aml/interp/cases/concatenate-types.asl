// Name: Concatenate's result has the first operand's type; the second is converted (Integer pairs become a Buffer)
// Expect: str => ab000000000000001F
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Concatenate (0x12, 0x34)                   // Buffer: two 8-byte integers
        Local1 = Concatenate (Buffer () { 0x01 }, 0x0302)   // Buffer + Integer bytes
        Local2 = Concatenate (Buffer () { 0x01 }, Buffer () { 0x02, 0x03 })
        Local3 = Concatenate ("ab", 0x1F)                   // String + Integer as hex digits
        Local4 = Concatenate ("ab", "cd")
        Debug = Local0
        Debug = Local1
        Debug = Local2
        Debug = Local4
        Debug = ObjectType (Local0)
        Return (Local3)
    }
}
