import { MachineConfigError } from '../topology/index.ts';

import type { ArchName, Chipset } from '../arch/index.ts';

export type { ArchName, Chipset };

/**
 * A versioned machine type, the QEMU way: a versioned name pins the guest-visible
 * ABI (tables, AML) of that release; the unversioned name is the current form.
 */
export interface MachineType {
  readonly name: string;
  readonly description: string;
  readonly arch: ArchName;
  readonly chipset: Chipset;
  readonly maxCpus: number;
  readonly diesSupported: boolean;
  readonly clustersSupported: boolean;
  /** PRES._INI switching QEMU ≤ 7.2's legacy block to the modern one. */
  readonly legacyCpuHotplug: boolean;
  /** CSCN's batching: QEMU 7.2 batches only inserts; cpuhp's current form batches both with the fewest accesses. */
  readonly scan: 'inserts' | 'inserts-and-removes' | 'minimal';
  /** CTFY's dispatch: QEMU's If chain, or a binary search (ours, for large machines). */
  readonly notifyDispatch: 'if-chain' | 'binary';
  /** Identify tables as QEMU's (the 7.2 types must match QEMU's bytes) or as ours. */
  readonly oem: 'qemu' | 'cpuhp';
  /**
   * The reverted presence bit of the arm64 RFC (QEMU commit bf1ecc8dad60, RFC V5):
   * flags bit 5 (CPRS) reads 1 while the slot holds a vCPU object, and CSTA reads it.
   * Only the RFC-exact type has it; cpuhp's own types keep QEMU's 12-byte ABI.
   */
  readonly cpuPresentBit: boolean;
  /** A _MAT on each processor object (QEMU's x86 and cpuhp's virt have one; the RFC's virt none). */
  readonly cpuMat: boolean;
  /**
   * Which cold-plugged vCPUs the MADT calls Enabled: all of them, or only the boot
   * CPU, with the others Online Capable as hot-pluggable slots are (the RFC's choice).
   */
  readonly coldPlugEnabled: 'all' | 'boot-cpu';
  /** The QEMU release whose QMP behaviour the type follows: query-version and the greeting. */
  readonly qemu: QemuVersion;
  /**
   * The MADT's revision where the type sets it (QEMU 7.2 writes 1 on x86, QEMU 10.0
   * writes 3, with the same entries); none: the platform's own.
   */
  readonly madtRevision?: number;
}

export interface QemuVersion {
  readonly major: number;
  readonly minor: number;
  readonly micro: number;
}

const X86 = { arch: 'x86_64', diesSupported: true, clustersSupported: false, cpuMat: true, cpuPresentBit: false, coldPlugEnabled: 'all' } as const;
const ARM64 = { arch: 'aarch64', chipset: 'virt', diesSupported: false, clustersSupported: true } as const;
const QEMU_72 = { legacyCpuHotplug: true, scan: 'inserts', notifyDispatch: 'if-chain', oem: 'qemu', qemu: { major: 7, minor: 2, micro: 0 }, madtRevision: 1 } as const;
/**
 * QEMU 10.0's x86 tables differ from 7.2's, in what cpuhp builds, by two things only
 * (dumped from both through fw_cfg): CSCN batches removes as it batches inserts
 * (CEJL), and the MADT is revision 3. The legacy _INI switch and CTFY's If chain stay.
 */
const QEMU_100 = { legacyCpuHotplug: true, scan: 'inserts-and-removes', notifyDispatch: 'if-chain', oem: 'qemu', qemu: { major: 10, minor: 0, micro: 0 }, madtRevision: 3 } as const;
const CURRENT = { legacyCpuHotplug: false, scan: 'minimal', notifyDispatch: 'binary', oem: 'cpuhp' } as const;
/** The arm64 vCPU hot-plug RFC V5's QEMU reports itself as 9.1.50 (a 9.2 development tree). */
const RFC_V5_QEMU = { major: 9, minor: 1, micro: 50 } as const;

export const MACHINE_TYPES: readonly MachineType[] = [
  // arm64 first: it is the default machine and the reason this project exists.
  {
    // cpuhp's own form of the RFC's machine: the same register block, GED, QMP and
    // QOM behaviour, without the reverted presence bit (README: the machine table).
    name: 'virt', description: 'arm64 virt with always-present vCPUs (GICv3), cpuhp\'s form of the arm64 vCPU hot-plug RFC V5',
    // 123 redistributors fit below 4 GiB and 512 in the high region; QEMU's limit.
    maxCpus: 512, ...ARM64, ...CURRENT, cpuPresentBit: false, cpuMat: true, coldPlugEnabled: 'all', qemu: RFC_V5_QEMU,
  },
  {
    // The RFC V5 machine exactly, under the name the RFC's own QEMU gives its virt
    // (`-M help`: "virt  QEMU 9.2 ARM Virtual Machine (alias of virt-9.2)").
    name: 'virt-9.2', description: 'QEMU 9.2 ARM Virtual Machine, as the arm64 vCPU hot-plug RFC V5 builds it (with its presence bit)',
    maxCpus: 512, ...ARM64, legacyCpuHotplug: false, scan: 'inserts', notifyDispatch: 'if-chain', oem: 'qemu',
    cpuPresentBit: true, cpuMat: false, coldPlugEnabled: 'boot-cpu', qemu: RFC_V5_QEMU,
  },
  // q35 and pc are cpuhp's own form (not aliases of a QEMU-exact type, as they are in
  // QEMU): QEMU 10.0's AML without the legacy _INI switch and with a binary CTFY. Their
  // QMP (greeting, query-version, errors) follows QEMU 10.0, as do their limits: 4096
  // for q35 (C000-CFFF), 255 for i440fx.
  { name: 'q35', description: 'Standard PC (Q35 + ICH9), cpuhp\'s CPU hot-plug AML (QEMU 10.0\'s, no legacy mode, binary CTFY); QMP as QEMU 10.0', chipset: 'q35', maxCpus: 4096, ...X86, ...CURRENT, qemu: QEMU_100.qemu },
  { name: 'pc', description: 'Standard PC (i440FX + PIIX), cpuhp\'s CPU hot-plug AML (QEMU 10.0\'s, no legacy mode, binary CTFY); QMP as QEMU 10.0', chipset: 'i440fx', maxCpus: 255, ...X86, ...CURRENT, qemu: QEMU_100.qemu },
  { name: 'pc-q35-10.0', description: 'Standard PC (Q35 + ICH9, 2009), as QEMU 10.0', chipset: 'q35', maxCpus: 4096, ...X86, ...QEMU_100 },
  { name: 'pc-i440fx-10.0', description: 'Standard PC (i440FX + PIIX, 1996), as QEMU 10.0', chipset: 'i440fx', maxCpus: 255, ...X86, ...QEMU_100 },
  { name: 'pc-q35-7.2', description: 'Standard PC (Q35 + ICH9, 2009), as QEMU 7.2', chipset: 'q35', maxCpus: 288, ...X86, ...QEMU_72 },
  { name: 'pc-i440fx-7.2', description: 'Standard PC (i440FX + PIIX, 1996), as QEMU 7.2', chipset: 'i440fx', maxCpus: 255, ...X86, ...QEMU_72 },
];

export const DEFAULT_MACHINE = 'virt';

export function findMachineType(name: string): MachineType {
  const t = MACHINE_TYPES.find((m) => m.name === name);
  if (!t) {
    throw new MachineConfigError(
      'unknown-machine',
      `unsupported machine type: "${name}" (use one of ${MACHINE_TYPES.map((m) => m.name).join(', ')})`,
    );
  }
  return t;
}

/** Whether a type follows QEMU `major.minor` or later (for QEMU's wording changes between releases). */
export function followsQemu(type: MachineType, major: number, minor = 0): boolean {
  return type.qemu.major > major || (type.qemu.major === major && type.qemu.minor >= minor);
}
