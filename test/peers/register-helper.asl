/*
 * Register presets for differential runs (test/peers/register-helper.ts).
 *
 * acpiexec backs every SystemIO/SystemMemory OperationRegion with a plain,
 * zero-filled buffer keyed by address; a region that overlaps an existing
 * buffer grows it and shares it. So a region created here at the address of a
 * DSDT register writes what the DSDT's fields read back: that is how a test
 * sets "CPU 1 has an insert pending" before calling CSCN. Our side runs this
 * same table against a byte store with the same rules.
 *
 * Every method takes the register block (base, length) and an offset in it, and
 * maps [base + offset, base + length): all helper regions of one block end at
 * the same byte, so they always overlap each other and the DSDT's own region of
 * that block. acpiexec merges a new region into only the *first* buffer it
 * overlaps, so two disjoint helper regions (one per poke) would later split the
 * block between two buffers and stop behaving like one memory.
 *
 * Compiled by scripts/compile-aml-cases.ts into register-helper.aml beside it.
 */
DefinitionBlock ("", "SSDT", 2, "CPUHP", "REGHELP", 0x00000001)
{
    Method (IOWB, 4, Serialized)        // IOWB(base, length, offset, byte)
    {
        OperationRegion (HRGN, SystemIO, Arg0 + Arg2, Arg1 - Arg2)
        Field (HRGN, ByteAcc, NoLock, Preserve) { HB08, 8 }
        HB08 = Arg3
    }

    Method (IOWD, 4, Serialized)        // IOWD(base, length, offset, dword)
    {
        OperationRegion (HRGN, SystemIO, Arg0 + Arg2, Arg1 - Arg2)
        Field (HRGN, DWordAcc, NoLock, Preserve) { HD32, 32 }
        HD32 = Arg3
    }

    Method (IORB, 3, Serialized)        // IORB(base, length, offset) -> byte
    {
        OperationRegion (HRGN, SystemIO, Arg0 + Arg2, Arg1 - Arg2)
        Field (HRGN, ByteAcc, NoLock, Preserve) { HB08, 8 }
        Return (HB08)
    }

    Method (IORD, 3, Serialized)        // IORD(base, length, offset) -> dword
    {
        OperationRegion (HRGN, SystemIO, Arg0 + Arg2, Arg1 - Arg2)
        Field (HRGN, DWordAcc, NoLock, Preserve) { HD32, 32 }
        Return (HD32)
    }

    Method (MMWB, 4, Serialized)        // MMWB(base, length, offset, byte)
    {
        OperationRegion (HRGN, SystemMemory, Arg0 + Arg2, Arg1 - Arg2)
        Field (HRGN, ByteAcc, NoLock, Preserve) { HB08, 8 }
        HB08 = Arg3
    }

    Method (MMWD, 4, Serialized)        // MMWD(base, length, offset, dword)
    {
        OperationRegion (HRGN, SystemMemory, Arg0 + Arg2, Arg1 - Arg2)
        Field (HRGN, DWordAcc, NoLock, Preserve) { HD32, 32 }
        HD32 = Arg3
    }

    Method (MMRB, 3, Serialized)        // MMRB(base, length, offset) -> byte
    {
        OperationRegion (HRGN, SystemMemory, Arg0 + Arg2, Arg1 - Arg2)
        Field (HRGN, ByteAcc, NoLock, Preserve) { HB08, 8 }
        Return (HB08)
    }

    Method (MMRD, 3, Serialized)        // MMRD(base, length, offset) -> dword
    {
        OperationRegion (HRGN, SystemMemory, Arg0 + Arg2, Arg1 - Arg2)
        Field (HRGN, DWordAcc, NoLock, Preserve) { HD32, 32 }
        Return (HD32)
    }
}
