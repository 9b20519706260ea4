// Name: An arithmetic operand that is a Buffer converts to an Integer from its bytes
// Expect: int => 0x0305
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Buffer () { 0x04, 0x03 }
        Return (Local0 + One)
    }
}
