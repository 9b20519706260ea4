/*
 * CPUs as ACPI0007 devices, with _STA from a chipset register and a _MAT
 * entry each; a _DSM with a two-level Switch.
 */
DefinitionBlock ("", "SSDT", 2, "CPUHP", "CPUS", 0x00000001)
{
    OperationRegion (CPUR, SystemIO, 0x0510, 0x04)
    Field (CPUR, ByteAcc, NoLock, Preserve)
    {
        CPEN,   8
    }

    Scope (\_SB)
    {
        Method (CSTA, 1, Serialized)
        {
            If (CPEN & (One << Arg0))
            {
                Return (0x0F)
            }
            // The boot CPU is always there.
            If (Arg0 == Zero)
            {
                Return (0x0F)
            }
            Return (Zero)
        }
        Method (CMAT, 1, Serialized)
        {
            Local0 = Buffer () { 0x00, 0x08, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00 }
            Local0 [0x02] = Arg0
            Local0 [0x03] = Arg0
            Return (Local0)
        }
        Device (C000)
        {
            Name (_HID, "ACPI0007")
            Name (_UID, Zero)
            Method (_STA, 0, NotSerialized) { Return (CSTA (Zero)) }
            Method (_MAT, 0, NotSerialized) { Return (CMAT (Zero)) }
        }
        Device (C001)
        {
            Name (_HID, "ACPI0007")
            Name (_UID, One)
            Method (_STA, 0, NotSerialized) { Return (CSTA (One)) }
            Method (_MAT, 0, NotSerialized) { Return (CMAT (One)) }
        }
        Device (C002)
        {
            Name (_HID, "ACPI0007")
            Name (_UID, 0x02)
            Method (_STA, 0, NotSerialized) { Return (CSTA (0x02)) }
            Method (_MAT, 0, NotSerialized) { Return (CMAT (0x02)) }
        }
        Device (C003)
        {
            Name (_HID, "ACPI0007")
            Name (_UID, 0x03)
            Method (_STA, 0, NotSerialized) { Return (CSTA (0x03)) }
            Method (_MAT, 0, NotSerialized) { Return (CMAT (0x03)) }
            Method (_DSM, 4, Serialized)
            {
                Switch (ToBuffer (Arg0))
                {
                    Case (ToUUID ("4077a616-290c-47be-9ebd-d87058713953"))
                    {
                        Switch (ToInteger (Arg2))
                        {
                            Case (Zero) { Return (Buffer () { 0x07 }) }
                            Case (One) { Return (CSTA (0x03)) }
                            Case (0x02) { Return (CMAT (0x03)) }
                            Default { Return (Zero) }
                        }
                    }
                    Default
                    {
                        Return (Buffer () { Zero })
                    }
                }
                Return (Zero)
            }
        }
    }
}
