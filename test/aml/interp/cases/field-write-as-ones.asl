// Name: A WriteAsOnes field write does not read and sets the bits outside the field to 1
// Expect: int => 0xF3
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (RGN0, SystemIO, 0x3018, One)
    Field (RGN0, ByteAcc, NoLock, WriteAsOnes)
    {
        LOW4,   4
    }
    Field (RGN0, ByteAcc, NoLock, Preserve)
    {
        WHOL,   8
    }

    Method (MAIN, 0, NotSerialized)
    {
        WHOL = 0x5A
        LOW4 = 0x03         // writes 0xF3 without reading
        Return (WHOL)
    }
}
