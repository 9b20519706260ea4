/*
 * A laptop-shaped DSDT written for cpuhp's interpreter tests (not taken from
 * any machine): _OSI ladder in \_SB._INI, a PCI host bridge with _PRT and _OSC,
 * an embedded controller whose region is guarded by _REG, Switch-heavy EC query
 * and battery methods, a lid, a thermal zone, and processors whose power tables
 * are loaded at run time (LoadTable of OEM1, Load of OEM2 out of memory).
 */
DefinitionBlock ("", "DSDT", 2, "CPUHP", "LAPTOP", 0x00000001)
{
    Name (OSYS, 0x07D0)     // 2000 until _INI finds something newer
    Name (ECON, Zero)       // set by EC0._REG
    Name (PICM, Zero)
    Name (GPIC, Zero)
    Name (LDCT, Zero)       // how many run-time tables were loaded

    Method (_PIC, 1, NotSerialized)
    {
        PICM = Arg0
    }

    // Where the firmware keeps the OEM2 table before it is loaded: a BIOS
    // copies it there; here _PDC copies it from the table list (O2TB is the
    // whole OEM2 table, 211 bytes: the firmware-set test fails if it changes).
    OperationRegion (PMTB, SystemMemory, 0x7FF00000, 0x0100)
    Field (PMTB, ByteAcc, NoLock, Preserve)
    {
        PMTD,   1688
    }
    DataTableRegion (OEM2, "OEM2", "CPUHP", "CPUCST")
    Field (OEM2, ByteAcc, NoLock, Preserve)
    {
        O2TB,   1688
    }

    Scope (\_PR)
    {
        Processor (CPU0, 0x00, 0x00000410, 0x06)
        {
            Name (HNDL, Zero)
            Name (CAPS, Zero)
            Method (_PDC, 1, Serialized)
            {
                CreateDWordField (Arg0, 0x08, CAP0)
                CAPS = CAP0
                If ((CAPS & 0x09) == 0x09)
                {
                    If (!(LDCT & One))
                    {
                        LoadTable ("OEM1", "CPUHP", "CPUPSS", "\\_PR.CPU0", "PSSN", 0x04)
                        LDCT |= One
                    }
                }
                If ((CAPS & 0x10) && !(LDCT & 0x02))
                {
                    PMTD = O2TB
                    Load (PMTB, HNDL)
                    LDCT |= 0x02
                }
                Return (LDCT)
            }
            Name (PSSN, Zero)
        }
        Processor (CPU1, 0x01, 0x00000410, 0x06) {}
        Processor (CPU2, 0x02, 0x00000410, 0x06) {}
        Processor (CPU3, 0x03, 0x00000410, 0x06) {}
    }

    Scope (\_SB)
    {
        Method (_INI, 0, NotSerialized)
        {
            If (CondRefOf (\_OSI))
            {
                If (\_OSI ("Windows 2009")) { OSYS = 0x07D9 }
                If (\_OSI ("Windows 2012")) { OSYS = 0x07DC }
                If (\_OSI ("Windows 2015")) { OSYS = 0x07DF }
                If (\_OSI ("Windows 2017")) { OSYS = 0x07E1 }
                If (\_OSI ("Windows 2019")) { OSYS = 0x07E3 }
                If (\_OSI ("Linux")) { OSYS = 0x03E8 }
            }
        }

        Device (PCI0)
        {
            Name (_HID, EisaId ("PNP0A08"))
            Name (_CID, EisaId ("PNP0A03"))
            Name (_BBN, Zero)
            Name (_UID, Zero)
            Name (SUPP, Zero)
            Name (CTRL, Zero)
            Name (PR00, Package ()
            {
                Package () { 0x001FFFFF, Zero, LNKA, Zero },
                Package () { 0x001FFFFF, One, LNKB, Zero },
                Package () { 0x0002FFFF, Zero, LNKA, Zero },
                Package () { 0x001CFFFF, Zero, LNKC, Zero }
            })
            Name (AR00, Package ()
            {
                Package () { 0x001FFFFF, Zero, Zero, 0x15 },
                Package () { 0x001FFFFF, One, Zero, 0x16 },
                Package () { 0x0002FFFF, Zero, Zero, 0x10 },
                Package () { 0x001CFFFF, Zero, Zero, 0x11 }
            })
            Method (_PRT, 0, NotSerialized)
            {
                If (PICM)
                {
                    Return (AR00)
                }
                Return (PR00)
            }
            Method (_OSC, 4, Serialized)
            {
                CreateDWordField (Arg3, Zero, CDW1)
                If (Arg0 == ToUUID ("33db4d5b-1ff7-401c-9657-7441c03dd766"))
                {
                    CreateDWordField (Arg3, 0x04, CDW2)
                    CreateDWordField (Arg3, 0x08, CDW3)
                    SUPP = CDW2
                    CTRL = CDW3
                    If ((SUPP & 0x16) != 0x16)
                    {
                        CTRL &= 0x1E
                    }
                    CTRL &= 0x1D            // no native hot-plug
                    If (Arg1 != One)
                    {
                        CDW1 |= 0x08
                    }
                    If (CDW3 != CTRL)
                    {
                        CDW1 |= 0x10
                    }
                    CDW3 = CTRL
                    Return (Arg3)
                }
                CDW1 |= 0x04
                Return (Arg3)
            }

            Device (LPCB)
            {
                Name (_ADR, 0x001F0000)

                Device (EC0)
                {
                    Name (_HID, EisaId ("PNP0C09"))
                    Name (_UID, One)
                    Name (_GPE, 0x17)
                    Name (_CRS, ResourceTemplate ()
                    {
                        IO (Decode16, 0x0062, 0x0062, 0x00, 0x01)
                        IO (Decode16, 0x0066, 0x0066, 0x00, 0x01)
                    })
                    OperationRegion (ECOR, EmbeddedControl, Zero, 0xFF)
                    Field (ECOR, ByteAcc, Lock, Preserve)
                    {
                        Offset (0x04),
                        ECVR,   8,
                        Offset (0x30),
                        LIDS,   1,
                        ACIN,   1,
                        BTPR,   1,
                            ,   5,
                        Offset (0x38),
                        BRCL,   16,
                        BRCV,   16,
                        BVOL,   16,
                        BDCP,   16,
                        BDVO,   16,
                        BSTA,   8,
                        Offset (0x50),
                        TMP0,   8,
                        TMP1,   8,
                        FANS,   8,
                        QEVT,   8
                    }
                    Method (_REG, 2, NotSerialized)
                    {
                        If (Arg0 == 0x03)
                        {
                            ECON = Arg1
                            If (Arg1)
                            {
                                // The EC reports a present battery on AC, lid open.
                                LIDS = One
                                ACIN = One
                                BTPR = One
                                BRCL = 0x0BB8
                                BRCV = 0x2E7C
                                BDCP = 0x1068
                                BDVO = 0x2B5C
                                BVOL = 0x3070
                                BSTA = 0x02
                                TMP0 = 0x2D
                                TMP1 = 0x38
                            }
                        }
                    }
                    Method (_STA, 0, NotSerialized)
                    {
                        Return (0x0F)
                    }
                    // Query handlers, as EC firmware dispatches them.
                    Method (QDSP, 1, Serialized)
                    {
                        Local0 = Zero
                        Switch (ToInteger (Arg0))
                        {
                            Case (0x11)
                            {
                                Notify (\_SB.LID0, 0x80)
                                Local0 = 0x11
                            }
                            Case (Package () { 0x12, 0x13 })
                            {
                                Notify (\_SB.BAT0, 0x80)
                                Notify (\_SB.AC, 0x80)
                                Local0 = 0x12
                            }
                            Case (0x20)
                            {
                                Notify (\_TZ.TZ00, 0x80)
                                Local0 = 0x20
                            }
                            Case (0x30)
                            {
                                Switch (OSYS)
                                {
                                    Case (0x07E3)
                                    {
                                        Local0 = 0x3019
                                    }
                                    Case (Package () { 0x07DC, 0x07DF, 0x07E1 })
                                    {
                                        Local0 = 0x3012
                                    }
                                    Default
                                    {
                                        Local0 = 0x3000
                                    }
                                }
                            }
                            Default
                            {
                                Local0 = Ones
                            }
                        }
                        Return (Local0)
                    }
                    Method (_Q11, 0, NotSerialized) { Return (QDSP (0x11)) }
                    Method (_Q12, 0, NotSerialized) { Return (QDSP (0x12)) }
                    Method (_Q20, 0, NotSerialized) { Return (QDSP (0x20)) }
                    Method (_Q30, 0, NotSerialized) { Return (QDSP (0x30)) }
                    Method (ECRD, 1, Serialized)
                    {
                        If (!ECON)
                        {
                            Return (Ones)
                        }
                        Switch (ToString (Arg0, Ones))
                        {
                            Case ("TMP0") { Return (TMP0) }
                            Case ("TMP1") { Return (TMP1) }
                            Case ("VER") { Return (ECVR) }
                            Default { Return (Zero) }
                        }
                    }
                }
            }
        }

        Device (AC)
        {
            Name (_HID, "ACPI0003")
            Method (_PSR, 0, NotSerialized)
            {
                If (ECON)
                {
                    Return (\_SB.PCI0.LPCB.EC0.ACIN)
                }
                Return (One)
            }
        }

        Device (LID0)
        {
            Name (_HID, EisaId ("PNP0C0D"))
            Method (_LID, 0, NotSerialized)
            {
                If (ECON)
                {
                    Return (\_SB.PCI0.LPCB.EC0.LIDS)
                }
                Return (One)
            }
        }

        Device (BAT0)
        {
            Name (_HID, EisaId ("PNP0C0A"))
            Name (_UID, Zero)
            Name (BIXP, Package ()
            {
                Zero, One, 0xFFFFFFFF, 0xFFFFFFFF, One, 0xFFFFFFFF, Zero, Zero,
                0x64, 0x00017318, 0x03E8, 0x01F4, 0x0A, 0x0A, "BAT0", "0001", "LION", "CPUHP"
            })
            Method (_STA, 0, NotSerialized)
            {
                If (ECON)
                {
                    If (\_SB.PCI0.LPCB.EC0.BTPR)
                    {
                        Return (0x1F)
                    }
                    Return (0x0F)
                }
                Return (Zero)
            }
            Method (_BIX, 0, Serialized)
            {
                BIXP [0x02] = \_SB.PCI0.LPCB.EC0.BDCP
                BIXP [0x03] = \_SB.PCI0.LPCB.EC0.BDCP
                BIXP [0x05] = \_SB.PCI0.LPCB.EC0.BDVO
                Return (BIXP)
            }
            Method (_BST, 0, Serialized)
            {
                Name (PKG1, Package (0x04) { Zero, Zero, Zero, Zero })
                Switch (\_SB.PCI0.LPCB.EC0.BSTA)
                {
                    Case (One) { PKG1 [Zero] = One }
                    Case (0x02) { PKG1 [Zero] = 0x02 }
                    Default { PKG1 [Zero] = Zero }
                }
                PKG1 [One] = \_SB.PCI0.LPCB.EC0.BRCV
                PKG1 [0x02] = \_SB.PCI0.LPCB.EC0.BRCL
                PKG1 [0x03] = \_SB.PCI0.LPCB.EC0.BVOL
                Return (PKG1)
            }
        }

        // A link device whose _INI fails: real firmware has such bugs, and the
        // initialisation must report it and go on.
        Device (LNKA)
        {
            Name (_HID, EisaId ("PNP0C0F"))
            Name (_UID, One)
            Name (DIVS, Zero)
            Method (_INI, 0, NotSerialized)
            {
                Local0 = (0x10 / DIVS)
            }
        }
        Device (LNKB)
        {
            Name (_HID, EisaId ("PNP0C0F"))
            Name (_UID, 0x02)
            Method (_STA, 0, NotSerialized)
            {
                Return (0x09)
            }
        }
        Device (LNKC)
        {
            Name (_HID, EisaId ("PNP0C0F"))
            Name (_UID, 0x03)
            Method (_STA, 0, NotSerialized)
            {
                Return (Zero)
            }
            Device (CHLD)
            {
                Name (_ADR, Zero)
                // Never run: its parent is neither present nor functioning.
                Method (_INI, 0, NotSerialized)
                {
                    Local0 = (0x10 / \_SB.LNKA.DIVS)
                }
            }
        }
    }

    Scope (\_TZ)
    {
        ThermalZone (TZ00)
        {
            Method (_TMP, 0, Serialized)
            {
                Local0 = \_SB.PCI0.LPCB.EC0.ECRD ("TMP0")
                If (Local0 == Ones)
                {
                    Return (0x0BB8)
                }
                Return ((Local0 * 0x0A) + 0x0AAC)
            }
            Method (_CRT, 0, NotSerialized)
            {
                Return (0x0E94)
            }
        }
    }

}
