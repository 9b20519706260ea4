// Name: ToDecimalString turns an Integer into decimal digits and a Buffer into comma-separated decimal bytes
// Expect: str => 1234/1,2,200/0
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        ToDecimalString (1234, Local0)
        Local1 = ToDecimalString (Buffer () { 0x01, 0x02, 0xC8 })
        Local2 = ToDecimalString (Zero)
        Local3 = Concatenate (Local0, "/")
        Local3 = Concatenate (Local3, Local1)
        Local3 = Concatenate (Local3, "/")
        Return (Concatenate (Local3, Local2))
    }
}
