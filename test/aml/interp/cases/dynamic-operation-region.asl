// Name: An OperationRegion created in a method takes its address from an argument and aliases a static region
// Expect: int => 0xC0DE
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (STAT, SystemIO, 0x3070, 0x04)
    Field (STAT, WordAcc, NoLock, Preserve)
    {
        W000,   16,
        W002,   16
    }

    Method (POKW, 2, Serialized)
    {
        OperationRegion (DYN0, SystemIO, Arg0, 0x02)
        Field (DYN0, WordAcc, NoLock, Preserve)
        {
            WORD,   16
        }
        WORD = Arg1
    }

    Method (MAIN, 0, NotSerialized)
    {
        // Touch the static region first. acpiexec keeps one buffer per region it has
        // seen and merges a new region into only the first buffer it overlaps: two
        // disjoint dynamic regions created first would leave STAT reading one of them.
        W000 = Zero
        POKW (0x3072, 0xC0DE)   // a new region on every call
        POKW (0x3070, 0x1234)
        Debug = W000
        Return (W002)
    }
}
