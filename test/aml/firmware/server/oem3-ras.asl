/*
 * Loaded at run time by \_SB.PCI1._INI with LoadTable ("OEM3", "CPUHP", "RAS",
 * "\\_SB", "\\RASE", 0x81): a platform error device that notifies on errors.
 */
DefinitionBlock ("", "OEM3", 2, "CPUHP", "RAS", 0x00000001)
{
    External (\RASE, IntObj)

    Device (\_SB.RAS0)
    {
        Name (_HID, EisaId ("PNP0C33"))
        Name (_UID, Zero)
        Name (ERRS, Zero)
        Method (_STA, 0, NotSerialized)
        {
            If (RASE & 0x80)
            {
                Return (0x0F)
            }
            Return (Zero)
        }
        Method (RAIS, 1, Serialized)
        {
            ERRS |= Arg0
            Switch (Arg0)
            {
                Case (One) { Notify (\_SB.RAS0, 0x80) }
                Case (0x02) { Notify (\_SB.RAS0, 0x81) }
                Default { Notify (\_SB.RAS0, 0x82) }
            }
            Return (ERRS)
        }
    }
}
