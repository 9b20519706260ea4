import { assertLength, TableWriter, type U64 } from './table-writer.ts';

export interface FacsInput {
  /** Changes when the hardware configuration changes, so OSPM knows not to resume from S4. */
  readonly hardwareSignature: number;
  /** 32-bit real-mode waking vector, normally 0: OSPM fills it. */
  readonly firmwareWakingVector?: number;
  readonly globalLock?: number;
  /** FACS_FLAGS bits. */
  readonly flags?: number;
  readonly xFirmwareWakingVector?: U64;
  /** 0 for QEMU's FACS; 2 since ACPI 4.0 (adds the 64-bit wake vector rules). */
  readonly version: number;
}

export const FACS_FLAGS = {
  S4BIOS_F: 1 << 0,
  '64BIT_WAKE_SUPPORTED_F': 1 << 1,
} as const;

// ACPI 6.5 §5.2.10 Firmware ACPI Control Structure (FACS)
export const FACS = {
  SIGNATURE: 0,
  LENGTH: 4,
  HARDWARE_SIGNATURE: 8,
  FIRMWARE_WAKING_VECTOR: 12,
  GLOBAL_LOCK: 16,
  FLAGS: 20,
  X_FIRMWARE_WAKING_VECTOR: 24,
  VERSION: 32,
  OSPM_FLAGS: 36,
  SIZE: 64,
} as const;

// ACPI 6.5 §5.2.10 Firmware ACPI Control Structure (FACS). It has no checksum
// and no SDT header: OSPM writes to it (global lock, waking vector) at run time.
export function buildFacs(input: FacsInput): Uint8Array {
  const w = new TableWriter()
    .ascii('signature', 'FACS', 4)
    .u32('length', FACS.SIZE)
    .u32('hardware signature', input.hardwareSignature)
    .u32('firmware waking vector', input.firmwareWakingVector ?? 0)
    .u32('global lock', input.globalLock ?? 0)
    .u32('flags', input.flags ?? 0)
    .u64('X firmware waking vector', input.xFirmwareWakingVector ?? 0)
    .at(FACS.VERSION, 'version')
    .u8('version', input.version)
    .zeros(3)
    // OSPM-enabled firmware control structure flags: written by OSPM, not us.
    .u32('OSPM flags', 0)
    .zeros(24);
  return assertLength('FACS', w.finish(), FACS.SIZE);
}
