/*
 * An SSDT the firmware lists in its XSDT: the integrated graphics device, its
 * outputs, and a _DSM that dispatches on the function index with Switch.
 */
DefinitionBlock ("", "SSDT", 2, "CPUHP", "GFX", 0x00000001)
{
    External (\_SB.PCI0, DeviceObj)
    External (\OSYS, IntObj)
    External (\_SB.PCI0.LPCB.EC0.ECRD, MethodObj)

    Scope (\_SB.PCI0)
    {
        Device (GFX0)
        {
            Name (_ADR, 0x00020000)
            Name (DOSA, Zero)
            Name (BRLV, 0x50)
            Method (_DOS, 1, NotSerialized)
            {
                DOSA = (Arg0 & 0x07)
            }
            Method (_DOD, 0, NotSerialized)
            {
                If (OSYS >= 0x07DC)
                {
                    Return (Package () { 0x80010100, 0x80010400, 0x80010300 })
                }
                Return (Package () { 0x80010100, 0x80010400 })
            }
            Method (_INI, 0, NotSerialized)
            {
                // Windows 8 and later get more brightness steps.
                If (\_OSI ("Windows 2012"))
                {
                    BRLV = 0x64
                }
            }
            Method (_DSM, 4, Serialized)
            {
                If (Arg0 != ToUUID ("3e5b41c6-eb1d-4260-9d15-c71fbadae414"))
                {
                    Return (Buffer () { Zero })
                }
                Switch (ToInteger (Arg2))
                {
                    Case (Zero)
                    {
                        Return (Buffer () { 0x0F })
                    }
                    Case (One)
                    {
                        Return (BRLV)
                    }
                    Case (0x02)
                    {
                        Return (\_SB.PCI0.LPCB.EC0.ECRD ("VER"))
                    }
                    Case (0x03)
                    {
                        Local0 = DerefOf (Arg3 [Zero])
                        If (Local0 > 0x64)
                        {
                            Return (Ones)
                        }
                        BRLV = Local0
                        Return (Zero)
                    }
                }
                Return (Buffer () { Zero })
            }
            Device (LCD0)
            {
                Name (_ADR, 0x0400)
                Method (_BCL, 0, NotSerialized)
                {
                    Return (Package () { 0x64, 0x32, 0x0A, 0x14, 0x1E, 0x28, 0x32, 0x3C, 0x46, 0x50, 0x5A, 0x64 })
                }
                Method (_BQC, 0, NotSerialized)
                {
                    Return (BRLV)
                }
            }
        }
    }
}
