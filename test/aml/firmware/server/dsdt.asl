/*
 * A server-shaped DSDT written for cpuhp's interpreter tests (not taken from
 * any machine): two PCI root bridges with _SEG/_BBN, _PRT for PIC and APIC
 * mode, _OSC negotiating control, _CRS patched at run time, a _DSM dispatched
 * with Switch, _OSI checks, and a RAS table loaded at run time with LoadTable.
 */
DefinitionBlock ("", "DSDT", 2, "CPUHP", "SERVER", 0x00000001)
{
    Name (PICM, Zero)
    Name (OSFL, Zero)
    Name (RASE, Zero)       // set by LoadTable's parameter

    Method (_PIC, 1, NotSerialized)
    {
        PICM = Arg0
    }

    // Chipset registers (SystemIO): which root ports are enabled, and the MMIO window.
    OperationRegion (CHIP, SystemIO, 0x0500, 0x10)
    Field (CHIP, DWordAcc, NoLock, Preserve)
    {
        RPEN,   32,
        MMBS,   32,
        MMLN,   32
    }

    Scope (\_SB)
    {
        Method (_INI, 0, NotSerialized)
        {
            If (\_OSI ("Windows 2015"))
            {
                OSFL = 0x0F
            }
            ElseIf (\_OSI ("Windows 2012"))
            {
                OSFL = 0x0C
            }
            // The firmware enables both root ports and sets the MMIO window.
            RPEN = 0x03
            MMBS = 0xC0000000
            MMLN = 0x10000000
        }

        // _OSC for PCI Express host bridges, shared by both roots.
        Method (POSC, 4, Serialized)
        {
            CreateDWordField (Arg3, Zero, CDW1)
            If (Arg0 != ToUUID ("33db4d5b-1ff7-401c-9657-7441c03dd766"))
            {
                CDW1 |= 0x04
                Return (Arg3)
            }
            CreateDWordField (Arg3, 0x04, CDW2)
            CreateDWordField (Arg3, 0x08, CDW3)
            Local0 = CDW3
            If ((CDW2 & 0x16) != 0x16)
            {
                Local0 &= 0x1E
            }
            Local0 &= 0x1F
            If (Arg1 != One)
            {
                CDW1 |= 0x08
            }
            If (CDW3 != Local0)
            {
                CDW1 |= 0x10
            }
            CDW3 = Local0
            Return (Arg3)
        }

        Device (PCI0)
        {
            Name (_HID, EisaId ("PNP0A08"))
            Name (_CID, EisaId ("PNP0A03"))
            Name (_UID, Zero)
            Name (_SEG, Zero)
            Name (_BBN, Zero)
            Name (RSRC, ResourceTemplate ()
            {
                WordBusNumber (ResourceProducer, MinFixed, MaxFixed, PosDecode,
                    0x0000, 0x0000, 0x007F, 0x0000, 0x0080,,, )
                DWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed, NonCacheable, ReadWrite,
                    0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,,, MMIO, AddressRangeMemory, TypeStatic)
            })
            Method (_CRS, 0, Serialized)
            {
                CreateDWordField (RSRC, \_SB.PCI0.MMIO._MIN, MMIN)
                CreateDWordField (RSRC, \_SB.PCI0.MMIO._MAX, MMAX)
                CreateDWordField (RSRC, \_SB.PCI0.MMIO._LEN, MLEN)
                MMIN = MMBS
                MLEN = (MMLN / 0x02)
                MMAX = (MMIN + MLEN - One)
                Return (RSRC)
            }
            Method (_OSC, 4, NotSerialized)
            {
                Return (POSC (Arg0, Arg1, Arg2, Arg3))
            }
            Method (_PRT, 0, Serialized)
            {
                Local0 = Package (0x04) {}
                Local1 = Zero
                While (Local1 < 0x04)
                {
                    If (PICM)
                    {
                        Local3 = Package (0x04) { 0x0001FFFF, Zero, Zero, Zero }
                        Local3 [One] = Local1
                        Local3 [0x03] = (0x10 + Local1)
                    }
                    Else
                    {
                        // PIC mode: the link devices, as names in static packages.
                        Switch (Local1)
                        {
                            Case (Zero) { Local3 = Package () { 0x0001FFFF, Zero, \_SB.PCI0.LPC0.LNKA, Zero } }
                            Case (One) { Local3 = Package () { 0x0001FFFF, One, \_SB.PCI0.LPC0.LNKB, Zero } }
                            Case (0x02) { Local3 = Package () { 0x0001FFFF, 0x02, \_SB.PCI0.LPC0.LNKC, Zero } }
                            Default { Local3 = Package () { 0x0001FFFF, 0x03, \_SB.PCI0.LPC0.LNKA, Zero } }
                        }
                    }
                    Local0 [Local1] = Local3
                    Local1++
                }
                Return (Local0)
            }
            Device (LPC0)
            {
                Name (_ADR, 0x001F0000)
                Device (LNKA) { Name (_HID, EisaId ("PNP0C0F")) Name (_UID, One) }
                Device (LNKB) { Name (_HID, EisaId ("PNP0C0F")) Name (_UID, 0x02) }
                Device (LNKC) { Name (_HID, EisaId ("PNP0C0F")) Name (_UID, 0x03) }
            }
            Device (RP01)
            {
                Name (_ADR, 0x00010000)
                Method (_STA, 0, NotSerialized)
                {
                    If (RPEN & One)
                    {
                        Return (0x0F)
                    }
                    Return (Zero)
                }
            }
        }

        Device (PCI1)
        {
            Name (_HID, EisaId ("PNP0A08"))
            Name (_CID, EisaId ("PNP0A03"))
            Name (_UID, One)
            Name (_SEG, Zero)
            Name (_BBN, 0x80)
            Name (_PXM, One)
            Method (_OSC, 4, NotSerialized)
            {
                Return (POSC (Arg0, Arg1, Arg2, Arg3))
            }
            Name (_PRT, Package ()
            {
                Package () { 0x0000FFFF, Zero, Zero, 0x30 },
                Package () { 0x0000FFFF, One, Zero, 0x31 },
                Package () { 0x0000FFFF, 0x02, Zero, 0x32 },
                Package () { 0x0000FFFF, 0x03, Zero, 0x33 }
            })
            Device (RP01)
            {
                Name (_ADR, Zero)
                Method (_STA, 0, NotSerialized)
                {
                    If (RPEN & 0x02)
                    {
                        Return (0x0F)
                    }
                    Return (Zero)
                }
                OperationRegion (PCFG, PCI_Config, Zero, 0x0100)
                Field (PCFG, DWordAcc, NoLock, Preserve)
                {
                    VDID,   32,
                    Offset (0x52),
                    LSTS,   16
                }
                // Link up? Reads the root port's Link Status through PCI config space.
                Method (LKUP, 0, NotSerialized)
                {
                    Return ((LSTS & 0x2000) != Zero)
                }
            }
            Method (_INI, 0, NotSerialized)
            {
                // Load the RAS table, telling it which root it was loaded from.
                LoadTable ("OEM3", "CPUHP", "RAS", "\\_SB", "\\RASE", 0x81)
            }
        }
    }
}
