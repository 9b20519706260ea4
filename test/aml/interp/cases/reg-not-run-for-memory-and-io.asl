// Name: _REG is not run for SystemMemory and SystemIO regions, which are always available
// Expect: int => 0x00
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (REGC, Zero)
    Device (DEV0)
    {
        Name (_ADR, Zero)
        OperationRegion (MEMR, SystemMemory, 0x00300000, 0x10)
        OperationRegion (IOR0, SystemIO, 0x0300, 0x10)
        Method (_REG, 2, NotSerialized)
        {
            REGC++
        }
    }
    Method (MAIN, 0, NotSerialized)
    {
        Return (REGC)
    }
}
