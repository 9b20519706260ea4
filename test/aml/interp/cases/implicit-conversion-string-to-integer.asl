// Name: An operator converts a String operand to an Integer by reading hex digits up to the first non-hex character
// Expect: int => 0x2010FF01
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (STR0, "1F")
    // The spec's implicit conversion has no "0x" prefix (it would stop at 'x' and give
    // 0), but ACPICA skips one "as an ACPI extension" (utstrtoul64.c) and so does
    // Linux; we follow ACPICA, the peer this case is checked against.
    Name (STR1, "0x10")
    Name (STR2, "ffz9")         // stops at 'z'

    Method (MAIN, 0, NotSerialized)
    {
        Local0 = (STR0 + One)   // 0x20
        Local1 = (STR1 + Zero)  // 0x10
        Local2 = (STR2 | Zero)  // 0xFF
        Local3 = Zero
        If (0x1F == STR0)       // the String is converted to the Integer's type
        {
            Local3 = One
        }
        Return ((Local0 << 24) | (Local1 << 16) | (Local2 << 8) | Local3)
    }
}
