// Name: A field access whose one DWord datum ends past its operation region fails without touching the region
// Expect: error => region-limit
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (RDDW, 2, Serialized)
    {
        OperationRegion (DYN0, SystemIO, Arg0, Arg1)    // the length comes at run time
        // One DWord datum: ACPICA checks the limit per datum, so a ByteAcc field would
        // read its in-range bytes before failing.
        Field (DYN0, DWordAcc, NoLock, Preserve)
        {
            DW00,   32
        }
        Return (DW00)
    }

    Method (MAIN, 0, NotSerialized)
    {
        Debug = RDDW (0x3090, 0x04)     // fits
        Return (RDDW (0x3090, 0x02))    // a 4-byte field in a 2-byte region
    }
}
