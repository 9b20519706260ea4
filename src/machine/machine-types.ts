import { MachineConfigError } from './errors.ts';

export type ArchName = 'x86_64' | 'aarch64';
export type Chipset = 'q35' | 'i440fx' | 'virt';

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
  /** CSCN's batching: QEMU 7.2 batches only inserts. */
  readonly scan: 'inserts' | 'inserts-and-removes';
  /** CTFY's dispatch: QEMU's If chain, or a binary search (ours, for large machines). */
  readonly notifyDispatch: 'if-chain' | 'binary';
  /** Identify tables as QEMU's (the 7.2 types must match QEMU's bytes) or as ours. */
  readonly oem: 'qemu' | 'cpuhp';
}

const X86 = { arch: 'x86_64', diesSupported: true, clustersSupported: false } as const;
const QEMU_72 = { legacyCpuHotplug: true, scan: 'inserts', notifyDispatch: 'if-chain', oem: 'qemu' } as const;
const CURRENT = { legacyCpuHotplug: false, scan: 'inserts-and-removes', notifyDispatch: 'binary', oem: 'cpuhp' } as const;

export const MACHINE_TYPES: readonly MachineType[] = [
  // arm64 first: it is the default machine and the reason this project exists.
  {
    name: 'virt', description: 'arm64 virt with always-present vCPUs (GICv3)', arch: 'aarch64', chipset: 'virt',
    // 123 redistributors fit below 4 GiB and 512 in the high region; QEMU's limit.
    maxCpus: 512, diesSupported: false, clustersSupported: true, ...CURRENT,
  },
  // q35 and pc keep QEMU's limits: 4096 for q35 (C000-CFFF), 255 for i440fx.
  { name: 'q35', description: 'Standard PC (Q35 + ICH9), current CPU hot-plug AML', chipset: 'q35', maxCpus: 4096, ...X86, ...CURRENT },
  { name: 'pc', description: 'Standard PC (i440FX + PIIX), current CPU hot-plug AML', chipset: 'i440fx', maxCpus: 255, ...X86, ...CURRENT },
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
