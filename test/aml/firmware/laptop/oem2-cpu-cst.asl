/*
 * Loaded at run time by \_PR.CPU0._PDC with Load out of a SystemMemory region
 * the firmware copied it to: C-states of CPU0.
 */
DefinitionBlock ("", "OEM2", 2, "CPUHP", "CPUCST", 0x00000001)
{
    External (\_PR.CPU0, ProcessorObj)
    External (\OSYS, IntObj)

    Scope (\_PR.CPU0)
    {
        Method (_CST, 0, Serialized)
        {
            Name (CST2, Package ()
            {
                0x02,
                Package () { ResourceTemplate () { Register (FFixedHW, 0x01, 0x02, 0x0000000000000000, 0x01,) }, One, One, 0x03E8 },
                Package () { ResourceTemplate () { Register (SystemIO, 0x08, 0x00, 0x0000000000000414, ,) }, 0x02, 0x63, 0x01F4 }
            })
            Name (CST1, Package ()
            {
                One,
                Package () { ResourceTemplate () { Register (FFixedHW, 0x01, 0x02, 0x0000000000000000, 0x01,) }, One, One, 0x03E8 }
            })
            If (OSYS >= 0x07DC)
            {
                Return (CST2)
            }
            Return (CST1)
        }
    }
}
