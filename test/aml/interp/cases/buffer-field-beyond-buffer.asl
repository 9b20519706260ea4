// Name: Creating a buffer field that does not fit in its buffer fails the evaluation
// Expect: error => buffer-limit
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, Serialized)
    {
        Local0 = Buffer (0x02) {}
        CreateWordField (Local0, Zero, WD00)    // fits
        WD00 = 0x1234
        Debug = Local0
        CreateDWordField (Local0, Zero, DW00)   // 4 bytes in a 2-byte buffer
        Return (DW00)
    }
}
