// Name: AnyAcc lets the interpreter pick the access width from the field's size and alignment
// Expect: int => 0x12345678
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (RGN0, SystemIO, 0x3040, 0x08)
    Field (RGN0, AnyAcc, NoLock, Preserve)
    {
        DWD0,   32,
        BYT4,   8,
        ,       4,
        NIB5,   4,
        WRD6,   16
    }

    Method (MAIN, 0, NotSerialized)
    {
        DWD0 = 0x12345678
        BYT4 = 0xAB
        NIB5 = 0x0C
        WRD6 = 0x1234
        Debug = BYT4
        Debug = NIB5
        Debug = WRD6
        Return (DWD0)
    }
}
