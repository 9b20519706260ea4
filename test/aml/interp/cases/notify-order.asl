// Name: Notify reaches devices, processors and thermal zones in program order, values as given
// Expect: int => 0x2
// Expect: notify => \_SB.DEV1 0x80
// Expect: notify => \_SB.DEV0 0x1
// Expect: notify => \_SB.DEV0.SUB0 0x3
// Expect: notify => \_SB.CPU0 0x81
// Expect: notify => \_SB.DEV1 0x81
// Expect: notify => \_SB.TZ00 0x82
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Scope (\_SB)
    {
        Device (DEV0)
        {
            Name (_ADR, Zero)
            Device (SUB0)
            {
                Name (_ADR, One)
            }
        }
        Device (DEV1)
        {
            Name (_ADR, 0x02)
        }
        Processor (CPU0, 0x00, 0x00000000, 0x00)
        {
        }
        ThermalZone (TZ00)
        {
        }
    }

    Method (MAIN, 0, NotSerialized)
    {
        Notify (\_SB.DEV1, 0x80)
        Notify (\_SB.DEV0, One)
        Notify (\_SB.DEV0.SUB0, 0x03)
        Local0 = Zero
        While (Local0 < 0x02)
        {
            If (Local0 == Zero)
            {
                Notify (\_SB.CPU0, 0x81)
            }
            Else
            {
                Notify (\_SB.DEV1, (0x80 + Local0))
            }
            Local0++
        }
        Notify (\_SB.TZ00, 0x82)
        Return (Local0)
    }
}
