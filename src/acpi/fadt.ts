import { AcpiTableError } from './errors.ts';
import { fadtLength, type FadtFields, type FadtPcHardware, type FadtRevision, writeFadt } from './fadt-layout.ts';
import { type Gas, GAS_NONE } from './gas.ts';
import type { OemInfo } from './header.ts';
import type { U64 } from './table-writer.ts';

// ACPI 6.5 §5.2.9 Fixed ACPI Description Table Fixed Feature Flags
export const FADT_FLAGS = {
  WBINVD: 1 << 0,
  WBINVD_FLUSH: 1 << 1,
  PROC_C1: 1 << 2,
  P_LVL2_UP: 1 << 3,
  PWR_BUTTON: 1 << 4,
  SLP_BUTTON: 1 << 5,
  FIX_RTC: 1 << 6,
  RTC_S4: 1 << 7,
  TMR_VAL_EXT: 1 << 8,
  DCK_CAP: 1 << 9,
  RESET_REG_SUP: 1 << 10,
  SEALED_CASE: 1 << 11,
  HEADLESS: 1 << 12,
  CPU_SW_SLP: 1 << 13,
  PCI_EXP_WAK: 1 << 14,
  USE_PLATFORM_CLOCK: 1 << 15,
  S4_RTC_STS_VALID: 1 << 16,
  REMOTE_POWER_ON_CAPABLE: 1 << 17,
  FORCE_APIC_CLUSTER_MODEL: 1 << 18,
  FORCE_APIC_PHYSICAL_DESTINATION_MODE: 1 << 19,
  HW_REDUCED_ACPI: 1 << 20,
  LOW_POWER_S0_IDLE_CAPABLE: 1 << 21,
} as const;

// ACPI 6.5 §5.2.9.3 IA-PC Boot Architecture Flags
export const IAPC_BOOT_ARCH = {
  LEGACY_DEVICES: 1 << 0,
  '8042': 1 << 1,
  VGA_NOT_PRESENT: 1 << 2,
  MSI_NOT_SUPPORTED: 1 << 3,
  PCIE_ASPM_CONTROLS: 1 << 4,
  CMOS_RTC_NOT_PRESENT: 1 << 5,
} as const;

// ACPI 6.5 §5.2.9.4 ARM Architecture Boot Flags
export const ARM_BOOT_ARCH = {
  PSCI_COMPLIANT: 1 << 0,
  PSCI_USE_HVC: 1 << 1,
} as const;

/** A full (PC-style) FADT: fixed hardware registers at I/O ports, FACS, SMI handshake. */
export interface X86FadtInput extends FadtPcHardware {
  readonly kind: 'x86';
  readonly oem: OemInfo;
  /** QEMU 7.2 writes 1 for pc and 3 for q35. */
  readonly revision: FadtRevision;
  /**
   * FADT Minor Version, revision 5 and up. Linux honours the MADT's x86
   * Online Capable bit only from ACPI 6.3 (revision 6, minor 3).
   */
  readonly minorRevision?: number;
  /** Physical address of the FACS. Below 4 GiB it goes in FIRMWARE_CTRL, else in X_FIRMWARE_CTRL. */
  readonly facsAddress: U64;
  /** Physical address of the DSDT. Below 4 GiB it goes in both DSDT and X_DSDT, as QEMU writes it. */
  readonly dsdtAddress: U64;
  readonly preferredPmProfile?: number;
  /** IAPC_BOOT_ARCH bits; the field exists from revision 3 (ACPI 2.0). */
  readonly iapcBootArch?: number;
  /** FADT_FLAGS bits, HW_REDUCED_ACPI excluded (use the 'hw-reduced' form). */
  readonly flags: number;
  /** From revision 3; set FADT_FLAGS.RESET_REG_SUP with it. */
  readonly resetRegister?: Gas;
  readonly resetValue?: number;
  /** 8 characters, revision 6 only (QEMU's arm virt writes 'QEMU\0\0\0\0'). */
  readonly hypervisorVendorId?: string;
}

/** A hardware-reduced FADT (arm64): no fixed hardware, no FACS, PSCI for CPU power. */
export interface HwReducedFadtInput {
  readonly kind: 'hw-reduced';
  readonly oem: OemInfo;
  /** The table is revision 6; this is the minor (6.0 .. 6.5). */
  readonly minorRevision: number;
  /** Written to X_DSDT only, as QEMU's arm virt does. */
  readonly dsdtAddress: U64;
  readonly lowPowerS0Idle: boolean;
  /** How PSCI calls are made; 'none' leaves both ARM boot flags clear. */
  readonly psciConduit: 'none' | 'smc' | 'hvc';
  readonly hypervisorVendorId?: string;
}

export type FadtInput = X86FadtInput | HwReducedFadtInput;

const NO_VENDOR = '\0'.repeat(8);
const U32_MAX = 0xffff_ffffn;

// ACPI 6.5 §5.2.9 Fixed ACPI Description Table (FADT), in either form
export function buildFadt(input: FadtInput): Uint8Array {
  switch (input.kind) {
    case 'x86':
      return writeFadt(x86Fields(input));
    case 'hw-reduced':
      return writeFadt(hwReducedFields(input));
    default:
      throw new AcpiTableError('bad-value', `FADT kind ${JSON.stringify((input as { kind: unknown }).kind)} is unknown`);
  }
}

function x86Fields(input: X86FadtInput): FadtFields {
  const { revision } = input;
  fadtLength(revision);
  checkX86Revision(input);
  if (input.flags & FADT_FLAGS.HW_REDUCED_ACPI) {
    throw new AcpiTableError('conflicting-flags', 'HW_REDUCED_ACPI in an x86 FADT: use the hw-reduced form');
  }
  // FIRMWARE_CTRL and X_FIRMWARE_CTRL must not both be set, so the FACS goes in one.
  const facsLow = fitsU32(input.facsAddress);
  // DSDT is ignored when X_DSDT is set; QEMU still fills both below 4 GiB.
  const dsdtLow = fitsU32(input.dsdtAddress);
  if (revision === 1 && (!facsLow || !dsdtLow)) {
    throw new AcpiTableError('revision-mismatch', 'FADT revision 1 has no 64-bit FACS/DSDT address fields');
  }
  return {
    ...input,
    minorRevision: input.minorRevision ?? 0,
    firmwareCtrl: facsLow ? Number(input.facsAddress) : 0,
    xFirmwareCtrl: facsLow ? 0 : input.facsAddress,
    dsdt: dsdtLow ? Number(input.dsdtAddress) : 0,
    xDsdt: input.dsdtAddress,
    preferredPmProfile: input.preferredPmProfile ?? 0,
    iapcBootArch: input.iapcBootArch ?? 0,
    resetRegister: input.resetRegister ?? GAS_NONE,
    resetValue: input.resetValue ?? 0,
    armBootArch: 0,
    sleepControlRegister: GAS_NONE,
    sleepStatusRegister: GAS_NONE,
    hypervisorVendorId: input.hypervisorVendorId ?? NO_VENDOR,
  };
}

/** Inputs for fields the chosen revision does not have are errors, not silently dropped. */
function checkX86Revision(input: X86FadtInput): void {
  const { revision } = input;
  const missing: string[] = [];
  if (revision < 3 && input.iapcBootArch !== undefined) missing.push('iapcBootArch');
  if (revision < 3 && (input.resetRegister !== undefined || input.resetValue !== undefined)) missing.push('resetRegister');
  // ACPI 5.1 put ARM_BOOT_ARCH and the minor version into the reserved bytes at 129.
  if (revision < 5 && input.minorRevision !== undefined && input.minorRevision !== 0) missing.push('minorRevision');
  if (revision < 6 && input.hypervisorVendorId !== undefined) missing.push('hypervisorVendorId');
  if (missing.length > 0) {
    throw new AcpiTableError('revision-mismatch', `FADT revision ${revision} has no field for ${missing.join(', ')}`);
  }
}

function hwReducedFields(input: HwReducedFadtInput): FadtFields {
  return {
    oem: input.oem,
    revision: 6,
    minorRevision: input.minorRevision,
    firmwareCtrl: 0,
    dsdt: 0,
    intModel: 0,
    preferredPmProfile: 0,
    sciInterrupt: 0,
    smiCommandPort: 0,
    acpiEnableValue: 0,
    acpiDisableValue: 0,
    pm1aEventBlock: GAS_NONE,
    pm1aControlBlock: GAS_NONE,
    pmTimerBlock: GAS_NONE,
    gpe0Block: GAS_NONE,
    c2Latency: 0,
    c3Latency: 0,
    rtcCenturyIndex: 0,
    iapcBootArch: 0,
    flags: FADT_FLAGS.HW_REDUCED_ACPI | (input.lowPowerS0Idle ? FADT_FLAGS.LOW_POWER_S0_IDLE_CAPABLE : 0),
    resetRegister: GAS_NONE,
    resetValue: 0,
    armBootArch: armBootArch(input.psciConduit),
    xFirmwareCtrl: 0,
    xDsdt: input.dsdtAddress,
    sleepControlRegister: GAS_NONE,
    sleepStatusRegister: GAS_NONE,
    hypervisorVendorId: input.hypervisorVendorId ?? NO_VENDOR,
  };
}

/** PSCI_USE_HVC only means something with PSCI_COMPLIANT, so the conduit picks both. */
function armBootArch(conduit: HwReducedFadtInput['psciConduit']): number {
  switch (conduit) {
    case 'none':
      return 0;
    case 'smc':
      return ARM_BOOT_ARCH.PSCI_COMPLIANT;
    case 'hvc':
      return ARM_BOOT_ARCH.PSCI_COMPLIANT | ARM_BOOT_ARCH.PSCI_USE_HVC;
    default:
      throw new AcpiTableError('bad-value', `PSCI conduit ${JSON.stringify(conduit)} is not none, smc or hvc`);
  }
}

/** Out-of-range numbers "fit" here and are then rejected, with the field name, by the writer. */
function fitsU32(a: U64): boolean {
  return typeof a === 'number' ? a <= 0xffff_ffff : a <= U32_MAX;
}
