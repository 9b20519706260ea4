import { AcpiTableError } from './errors.ts';
import { type Gas, GAS_NONE, writeGas } from './gas.ts';
import { beginTable, finishTable, type OemInfo } from './header.ts';
import { assertLength, checkUInt, type TableWriter, type U64 } from './table-writer.ts';

/** FADT revisions this builder lays out: 1 (ACPI 1.0), 3 (2.0), 4 (3.0), 5 (5.x), 6 (6.x). */
export type FadtRevision = 1 | 3 | 4 | 5 | 6;

/** Table length for each revision: each adds fields at the end. */
export const FADT_LENGTH: Readonly<Record<FadtRevision, number>> = Object.freeze({ 1: 116, 3: 244, 4: 244, 5: 268, 6: 276 });

// ACPI 6.5 §5.2.9 Fixed ACPI Description Table (FADT): field offsets
export const FADT = {
  FIRMWARE_CTRL: 36,
  DSDT: 40,
  SCI_INT: 46,
  PM1A_EVT_BLK: 56,
  PM1_EVT_LEN: 88,
  P_LVL2_LAT: 96,
  IAPC_BOOT_ARCH: 109,
  FLAGS: 112,
  RESET_REG: 116,
  RESET_VALUE: 128,
  ARM_BOOT_ARCH: 129,
  MINOR_VERSION: 131,
  X_FIRMWARE_CTRL: 132,
  X_DSDT: 140,
  X_PM1A_EVT_BLK: 148,
  SLEEP_CONTROL_REG: 244,
  SLEEP_STATUS_REG: 256,
  HYPERVISOR_VENDOR_IDENTITY: 268,
} as const;

/** The table length for a revision; throws for revisions this builder cannot lay out. */
export function fadtLength(revision: FadtRevision): number {
  const length = FADT_LENGTH[revision] as number | undefined;
  if (length === undefined) {
    throw new AcpiTableError('unsupported-revision', `FADT revision ${revision} is not one of 1, 3, 4, 5, 6`);
  }
  return length;
}

/** Every FADT field as it is stored; fadt.ts maps each input form onto this. */
/**
 * The PC fixed-hardware fields, written as given by an x86 FADT and empty in a
 * hardware-reduced one.
 */
export interface FadtPcHardware {
  /** ACPI 1.0 INT_MODEL, reserved since 2.0; QEMU writes 1 (multiple APIC). */
  readonly intModel: number;
  readonly sciInterrupt: number;
  readonly smiCommandPort: number;
  readonly acpiEnableValue: number;
  readonly acpiDisableValue: number;
  /** Each block is written twice: as a 32-bit port plus byte length, and as the X_ GAS. */
  readonly pm1aEventBlock: Gas;
  readonly pm1aControlBlock: Gas;
  readonly pmTimerBlock: Gas;
  readonly gpe0Block: Gas;
  /** P_LVL2_LAT in µs; above 100 means C2 is not supported (QEMU: 0x0FFF). */
  readonly c2Latency: number;
  /** P_LVL3_LAT in µs; above 1000 means C3 is not supported (QEMU: 0x0FFF). */
  readonly c3Latency: number;
  /** CMOS index of the RTC century byte (0x32 on PC). */
  readonly rtcCenturyIndex: number;
}

/** Every FADT field, resolved: what the writer lays out for the chosen revision. */
export interface FadtFields extends FadtPcHardware {
  readonly oem: OemInfo;
  readonly revision: FadtRevision;
  readonly minorRevision: number;
  readonly firmwareCtrl: number;
  readonly dsdt: number;
  readonly preferredPmProfile: number;
  readonly iapcBootArch: number;
  readonly flags: number;
  readonly resetRegister: Gas;
  readonly resetValue: number;
  readonly armBootArch: number;
  readonly xFirmwareCtrl: U64;
  readonly xDsdt: U64;
  readonly sleepControlRegister: Gas;
  readonly sleepStatusRegister: Gas;
  /** 8 characters; the field is written from revision 6. */
  readonly hypervisorVendorId: string;
}

// ACPI 6.5 §5.2.9 Fixed ACPI Description Table (FADT). Fields are appended in
// spec order and the table stops where its revision ends, as QEMU's build_fadt.
// PM1b, PM2 and GPE1 blocks are written empty: a VMM has one PM1 and one GPE block.
export function writeFadt(f: FadtFields): Uint8Array {
  const length = fadtLength(f.revision);
  const w = beginTable({ signature: 'FACP', revision: f.revision, oem: f.oem });
  writeLegacyFields(w, f);
  if (f.revision >= 3) writeExtendedFields(w, f);
  if (f.revision >= 5) {
    writeGas(w.at(FADT.SLEEP_CONTROL_REG, 'SLEEP_CONTROL_REG'), 'SLEEP_CONTROL_REG', f.sleepControlRegister);
    writeGas(w, 'SLEEP_STATUS_REG', f.sleepStatusRegister);
  }
  if (f.revision >= 6) {
    w.at(FADT.HYPERVISOR_VENDOR_IDENTITY, 'hypervisor vendor identity')
      .ascii('hypervisor vendor identity', f.hypervisorVendorId, 8);
  }
  return assertLength(`FADT revision ${f.revision}`, finishTable(w), length);
}

// ACPI 1.0 fields: offsets 36..115, 32-bit addresses and I/O block lengths.
function writeLegacyFields(w: TableWriter, f: FadtFields): void {
  w.u32('FIRMWARE_CTRL', f.firmwareCtrl)
    .u32('DSDT', f.dsdt)
    .u8('INT_MODEL', f.intModel)
    .u8('Preferred_PM_Profile', f.preferredPmProfile)
    .u16('SCI_INT', f.sciInterrupt)
    .u32('SMI_CMD', f.smiCommandPort)
    .u8('ACPI_ENABLE', f.acpiEnableValue)
    .u8('ACPI_DISABLE', f.acpiDisableValue)
    .u8('S4BIOS_REQ', 0)
    .u8('PSTATE_CNT', 0)
    .at(FADT.PM1A_EVT_BLK, 'PM1a_EVT_BLK')
    .u32('PM1a_EVT_BLK', legacyAddress('PM1a_EVT_BLK', f.pm1aEventBlock))
    .u32('PM1b_EVT_BLK', 0)
    .u32('PM1a_CNT_BLK', legacyAddress('PM1a_CNT_BLK', f.pm1aControlBlock))
    .u32('PM1b_CNT_BLK', 0)
    .u32('PM2_CNT_BLK', 0)
    .u32('PM_TMR_BLK', legacyAddress('PM_TMR_BLK', f.pmTimerBlock))
    .u32('GPE0_BLK', legacyAddress('GPE0_BLK', f.gpe0Block))
    .u32('GPE1_BLK', 0)
    .at(FADT.PM1_EVT_LEN, 'PM1_EVT_LEN')
    .u8('PM1_EVT_LEN', blockLength('PM1a_EVT_BLK', f.pm1aEventBlock))
    .u8('PM1_CNT_LEN', blockLength('PM1a_CNT_BLK', f.pm1aControlBlock))
    .u8('PM2_CNT_LEN', 0)
    .u8('PM_TMR_LEN', blockLength('PM_TMR_BLK', f.pmTimerBlock))
    .u8('GPE0_BLK_LEN', blockLength('GPE0_BLK', f.gpe0Block))
    .u8('GPE1_BLK_LEN', 0)
    .u8('GPE1_BASE', 0)
    .u8('CST_CNT', 0)
    .u16('P_LVL2_LAT', f.c2Latency)
    .u16('P_LVL3_LAT', f.c3Latency)
    .u16('FLUSH_SIZE', 0)
    .u16('FLUSH_STRIDE', 0)
    .u8('DUTY_OFFSET', 0)
    .u8('DUTY_WIDTH', 0)
    .u8('DAY_ALRM', 0)
    .u8('MON_ALRM', 0)
    .u8('CENTURY', f.rtcCenturyIndex)
    .u16('IAPC_BOOT_ARCH', f.iapcBootArch)
    .u8('reserved', 0)
    .at(FADT.FLAGS, 'Flags')
    .u32('Flags', f.flags);
}

// ACPI 2.0+ fields: reset register, ARM boot flags and minor version (5.1+),
// then the 64-bit X_ addresses and X_ register blocks.
function writeExtendedFields(w: TableWriter, f: FadtFields): void {
  writeGas(w, 'RESET_REG', f.resetRegister).u8('RESET_VALUE', f.resetValue);
  w.u16('ARM_BOOT_ARCH', f.armBootArch)
    .u8('FADT Minor Version', f.minorRevision)
    .u64('X_FIRMWARE_CTRL', f.xFirmwareCtrl)
    .at(FADT.X_DSDT, 'X_DSDT')
    .u64('X_DSDT', f.xDsdt);
  writeGas(w, 'X_PM1a_EVT_BLK', f.pm1aEventBlock);
  writeGas(w, 'X_PM1b_EVT_BLK', GAS_NONE);
  writeGas(w, 'X_PM1a_CNT_BLK', f.pm1aControlBlock);
  writeGas(w, 'X_PM1b_CNT_BLK', GAS_NONE);
  writeGas(w, 'X_PM2_CNT_BLK', GAS_NONE);
  writeGas(w, 'X_PM_TMR_BLK', f.pmTimerBlock);
  writeGas(w, 'X_GPE0_BLK', f.gpe0Block);
  writeGas(w, 'X_GPE1_BLK', GAS_NONE);
}

/** The ACPI 1.0 field holds the block's port as 32 bits. */
function legacyAddress(field: string, gas: Gas): number {
  const a = gas.address;
  if (typeof a === 'number') return checkUInt(`${field} address`, a, 0xffff_ffff);
  if (a < 0n || a > 0xffff_ffffn) {
    throw new AcpiTableError('out-of-range', `${field} address ${a} does not fit the 32-bit field`);
  }
  return Number(a);
}

/** The ACPI 1.0 *_LEN fields count bytes; the GAS counts bits. */
function blockLength(field: string, gas: Gas): number {
  if (gas.bitWidth % 8 !== 0) {
    throw new AcpiTableError('out-of-range', `${field} bit width ${gas.bitWidth} is not a whole number of bytes`);
  }
  return gas.bitWidth / 8;
}
