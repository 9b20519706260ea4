// Name: ObjectType returns the ACPI type number of every kind of object, 0 for an empty Local
// Expect: buf => 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (INT0, One)
    Name (STR0, "s")
    Name (BUF0, Buffer (0x02) {})
    Name (PKG0, Package () { One })
    OperationRegion (RGN0, SystemMemory, 0x10001000, 0x04)
    Field (RGN0, ByteAcc, NoLock, Preserve)
    {
        FLD0,   8
    }
    Device (DEV0)
    {
    }
    Event (EVT0)
    Method (MTH0, 0, NotSerialized)
    {
    }
    Mutex (MTX0, 0x00)
    PowerResource (PWR0, 0x00, 0x0000)
    {
    }
    Processor (CPU0, 0x01, 0x00000000, 0x00)
    {
    }
    ThermalZone (TZ00)
    {
    }
    CreateByteField (BUF0, Zero, BFL0)

    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Buffer (0x0F) {}
        Local0 [Zero] = ObjectType (Local1)     // uninitialized
        Local0 [One] = ObjectType (INT0)
        Local0 [0x02] = ObjectType (STR0)
        Local0 [0x03] = ObjectType (BUF0)
        Local0 [0x04] = ObjectType (PKG0)
        Local0 [0x05] = ObjectType (FLD0)
        Local0 [0x06] = ObjectType (DEV0)
        Local0 [0x07] = ObjectType (EVT0)
        Local0 [0x08] = ObjectType (MTH0)
        Local0 [0x09] = ObjectType (MTX0)
        Local0 [0x0A] = ObjectType (RGN0)
        Local0 [0x0B] = ObjectType (PWR0)
        Local0 [0x0C] = ObjectType (CPU0)
        Local0 [0x0D] = ObjectType (TZ00)
        Local0 [0x0E] = ObjectType (BFL0)
        Return (Local0)
    }
}
