// Inputs and helpers shared by the acpi tests: the QEMU 7.2 machines we compare
// against byte for byte, an arm64 GICv3 machine, and one table of every kind.
import { Device, Name, Scope } from '../../src/aml/encode/named.ts';
import { AmlString } from '../../src/aml/encode/data.ts';
import {
  buildDefinitionBlock,
  buildFacs,
  buildFadt,
  buildMadt,
  buildRsdp,
  buildXsdt,
  FADT_FLAGS,
  IAPC_BOOT_ARCH,
  MADT_FLAGS,
  MPS_INTI,
  QEMU_OEM,
  type HwReducedFadtInput,
  type MadtEntry,
  type MadtInput,
  type ProcessorState,
  type X86FadtInput,
} from '../../src/acpi/index.ts';

/** Parses hex bytes, any spacing ("41 50 49 43" or xxd's "4150 4943"); `//` starts a comment. */
export function hex(s: string): Uint8Array {
  const digits = s.replace(/\/\/[^\n]*/g, '').replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(digits)) throw new Error(`bad hex literal: ${s}`);
  return Uint8Array.from(digits.match(/../g) ?? [], (b) => parseInt(b, 16));
}

export function u8(b: Uint8Array, offset: number): number {
  const v = b[offset];
  if (v === undefined) throw new Error(`offset ${offset} is past the end (${b.length})`);
  return v;
}

export function u16(b: Uint8Array, offset: number): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getUint16(offset, true);
}

export function u32(b: Uint8Array, offset: number): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(offset, true);
}

export function u64(b: Uint8Array, offset: number): bigint {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(offset, true);
}

export function ascii(b: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...b.subarray(offset, offset + length));
}

/** Splits a MADT's body into its interrupt controller structures. */
export function madtStructures(madt: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 44; i < madt.length; i += u8(madt, i + 1)) out.push(madt.subarray(i, i + u8(madt, i + 1)));
  return out;
}

/** QEMU 7.2 x86 (pc and q35) MADT: pc_madt_cpu_entry per possible CPU, then IO-APIC, overrides, NMI. */
export function qemuX86MadtInput(possibleCpus: number, presentCpus: number): MadtInput {
  const cpus: MadtEntry[] = Array.from({ length: possibleCpus }, (_, i) => ({
    type: 'local-apic',
    uid: i,
    apicId: i,
    state: (i < presentCpus ? 'enabled' : 'disabled') satisfies ProcessorState,
  }));
  const pciIrqOverrides: MadtEntry[] = [5, 9, 10, 11].map((irq) => ({
    type: 'interrupt-override',
    bus: 0,
    source: irq,
    gsi: irq,
    flags: MPS_INTI.ACTIVE_HIGH | MPS_INTI.LEVEL,
  }));
  return {
    oem: QEMU_OEM,
    revision: 1,
    localApicAddress: 0xfee0_0000,
    flags: MADT_FLAGS.PCAT_COMPAT,
    entries: [
      ...cpus,
      { type: 'io-apic', id: 0, address: 0xfec0_0000, gsiBase: 0 },
      { type: 'interrupt-override', bus: 0, source: 0, gsi: 2, flags: 0 },
      ...pciIrqOverrides,
      { type: 'local-apic-nmi', uid: 0xff, flags: 0, lint: 1 },
    ],
  };
}

const PM_IO_BASE = 0x600;

/** QEMU 7.2 q35 FADT (ICH9 LPC PM at 0x600), with FACS/DSDT offsets as dumped before linking. */
export const QEMU_Q35_FADT: X86FadtInput = {
  kind: 'x86',
  oem: QEMU_OEM,
  revision: 3,
  facsAddress: 0,
  dsdtAddress: 0x40,
  intModel: 1,
  sciInterrupt: 9,
  smiCommandPort: 0xb2,
  acpiEnableValue: 0x02,
  acpiDisableValue: 0x03,
  pm1aEventBlock: { addressSpace: 'system-io', bitWidth: 32, address: PM_IO_BASE },
  pm1aControlBlock: { addressSpace: 'system-io', bitWidth: 16, address: PM_IO_BASE + 0x04 },
  pmTimerBlock: { addressSpace: 'system-io', bitWidth: 32, address: PM_IO_BASE + 0x08 },
  gpe0Block: { addressSpace: 'system-io', bitWidth: 128, address: PM_IO_BASE + 0x20 },
  c2Latency: 0x0fff,
  c3Latency: 0x0fff,
  rtcCenturyIndex: 0x32,
  iapcBootArch: IAPC_BOOT_ARCH['8042'],
  flags:
    FADT_FLAGS.WBINVD |
    FADT_FLAGS.PROC_C1 |
    FADT_FLAGS.SLP_BUTTON |
    FADT_FLAGS.RTC_S4 |
    FADT_FLAGS.RESET_REG_SUP |
    FADT_FLAGS.USE_PLATFORM_CLOCK,
  resetRegister: { addressSpace: 'system-io', bitWidth: 8, address: 0xcf9 },
  resetValue: 0x0f,
};

/** QEMU 7.2 pc FADT: ACPI 1.0 (revision 1), PIIX4 PM at 0x600, GPE0 at 0xafe0, no reset register. */
export const QEMU_PC_FADT: X86FadtInput = {
  kind: 'x86',
  oem: QEMU_OEM,
  revision: 1,
  facsAddress: 0,
  dsdtAddress: 0x40,
  intModel: 1,
  sciInterrupt: 9,
  smiCommandPort: 0xb2,
  acpiEnableValue: 0xf1,
  acpiDisableValue: 0xf0,
  pm1aEventBlock: { addressSpace: 'system-io', bitWidth: 32, address: PM_IO_BASE },
  pm1aControlBlock: { addressSpace: 'system-io', bitWidth: 16, address: PM_IO_BASE + 0x04 },
  pmTimerBlock: { addressSpace: 'system-io', bitWidth: 32, address: PM_IO_BASE + 0x08 },
  gpe0Block: { addressSpace: 'system-io', bitWidth: 32, address: 0xafe0 },
  c2Latency: 0x0fff,
  c3Latency: 0x0fff,
  rtcCenturyIndex: 0x32,
  flags: FADT_FLAGS.WBINVD | FADT_FLAGS.PROC_C1 | FADT_FLAGS.SLP_BUTTON | FADT_FLAGS.RTC_S4 | FADT_FLAGS.USE_PLATFORM_CLOCK,
};

export const ARM64_FADT: HwReducedFadtInput = {
  kind: 'hw-reduced',
  oem: QEMU_OEM,
  minorRevision: 5,
  dsdtAddress: 0x4000_0000n,
  lowPowerS0Idle: false,
  psciConduit: 'hvc',
  hypervisorVendorId: 'QEMU\0\0\0\0',
};

/** An arm64 GICv3 machine laid out like QEMU virt. */
export const ARM64_GICD_BASE = 0x0800_0000n;
export const ARM64_GICR_BASE = 0x080a_0000n;
export const ARM64_GICR_LENGTH = 0x00f6_0000;
/** PPI 7 and PPI 9, as GSIVs (PPIs start at 16). */
export const ARM64_PMU_GSIV = 23;
export const ARM64_VGIC_MAINTENANCE_GSIV = 25;

/** `cpus` vCPUs: the first `enabled` are enabled, the rest online-capable (hot-pluggable). */
export function arm64MadtInput(cpus: number, enabled: number): MadtInput {
  const giccs: MadtEntry[] = Array.from({ length: cpus }, (_, i) => ({
    type: 'gicc',
    cpuInterfaceNumber: i,
    uid: i,
    state: i < enabled ? 'enabled' : 'online-capable',
    performanceInterrupt: ARM64_PMU_GSIV,
    vgicMaintenanceInterrupt: ARM64_VGIC_MAINTENANCE_GSIV,
    mpidr: BigInt(i),
  }));
  return {
    oem: QEMU_OEM,
    revision: 5,
    localApicAddress: 0,
    flags: 0,
    entries: [
      { type: 'gicd', gicId: 0, baseAddress: ARM64_GICD_BASE, globalIrqBase: 0, version: 3 },
      ...giccs,
      { type: 'gicr', baseAddress: ARM64_GICR_BASE, length: ARM64_GICR_LENGTH },
    ],
  };
}

/** A small DSDT body: \_SB.CPUS with a _HID, as cpuhp's AML will start. */
export const SAMPLE_AML_BODY = [
  new Scope('\\_SB', [new Device('CPUS', [new Name('_HID', new AmlString('ACPI0010'))])]),
];

/** One table of every kind the folder builds, by a short name. */
export function everyTable(): Record<string, Uint8Array> {
  return {
    RSDP: buildRsdp({ oemId: QEMU_OEM.oemId, rsdtAddress: 0, xsdtAddress: 0x1000n }),
    XSDT: buildXsdt({ oem: QEMU_OEM, revision: 1, tables: [0x2000, 0x3000n] }),
    FACS: buildFacs({ hardwareSignature: 0, version: 0 }),
    'FACP-x86': buildFadt(QEMU_Q35_FADT),
    'FACP-pc': buildFadt(QEMU_PC_FADT),
    'FACP-hw-reduced': buildFadt(ARM64_FADT),
    DSDT: buildDefinitionBlock({ signature: 'DSDT', revision: 2, oem: QEMU_OEM, body: SAMPLE_AML_BODY }),
    SSDT: buildDefinitionBlock({ signature: 'SSDT', revision: 2, oem: QEMU_OEM, body: SAMPLE_AML_BODY }),
    'APIC-x86': buildMadt(qemuX86MadtInput(4, 1)),
    'APIC-arm64': buildMadt(arm64MadtInput(4, 1)),
  };
}
