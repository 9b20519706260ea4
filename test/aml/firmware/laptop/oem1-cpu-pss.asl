/*
 * Loaded at run time by \_PR.CPU0._PDC with LoadTable ("OEM1", "CPUHP",
 * "CPUPSS", "\\_PR.CPU0", "PSSN", 4): performance states of CPU0.
 */
DefinitionBlock ("", "OEM1", 2, "CPUHP", "CPUPSS", 0x00000001)
{
    External (\_PR.CPU0, ProcessorObj)
    External (\_PR.CPU0.PSSN, IntObj)

    Scope (\_PR.CPU0)
    {
        Name (_PCT, Package ()
        {
            ResourceTemplate () { Register (FFixedHW, 0x00, 0x00, 0x0000000000000000, ,) },
            ResourceTemplate () { Register (FFixedHW, 0x00, 0x00, 0x0000000000000000, ,) }
        })
        Name (_PSS, Package ()
        {
            Package () { 0x0AF0, 0x3A98, 0x0A, 0x0A, 0x1C00, 0x1C00 },
            Package () { 0x0960, 0x2EE0, 0x0A, 0x0A, 0x1800, 0x1800 },
            Package () { 0x07D0, 0x2328, 0x0A, 0x0A, 0x1400, 0x1400 },
            Package () { 0x0640, 0x1B58, 0x0A, 0x0A, 0x1000, 0x1000 }
        })
        Method (_PPC, 0, NotSerialized)
        {
            // How many states the firmware allows: all of them, minus what PSSN asks to drop.
            Return (0x04 - PSSN)
        }
    }
}
