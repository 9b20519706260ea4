// The x86 QEMU releases cpuhp keeps machine types of, as the peer suites need them:
// how to start each one, which of its machine types cpuhp reproduces, and the
// configurations whose tables are committed (test/data/qemu-<version>, written by
// scripts/update-qemu-fixtures.ts). The table, register and QMP differentials run
// once per release, each against its own QEMU.

import { peerPath, QEMU_PEER, QEMU10_PEER, type PeerSpec } from './peer.ts';
import type { X86Machine } from './qemu-tables.ts';

export interface TableConfig {
  readonly machine: X86Machine;
  readonly cpus: number;
  readonly maxcpus: number;
}

export interface QemuRelease {
  /** '7.2', '10.0': the fixture folder is test/data/qemu-<version>. */
  readonly version: string;
  readonly peer: PeerSpec;
  /** What `--version`'s first line must start with. */
  readonly versionLine: RegExp;
  /** Arguments the binary needs before any other (10.0: -L, its firmware folder). */
  readonly args: readonly string[];
  /** cpuhp's machine type reproducing this release's q35 and pc (QEMU's aliases of them). */
  readonly types: Readonly<Record<X86Machine, string>>;
  /** The configurations whose tables are dumped and compared. */
  readonly tableConfigs: readonly TableConfig[];
}

const COMMON_CONFIGS: readonly TableConfig[] = [
  { machine: 'q35', cpus: 1, maxcpus: 4 },
  { machine: 'q35', cpus: 2, maxcpus: 255 },
  { machine: 'pc', cpus: 1, maxcpus: 4 },
  { machine: 'pc', cpus: 2, maxcpus: 255 },
];

export const QEMU_72: QemuRelease = {
  version: '7.2',
  peer: QEMU_PEER,
  versionLine: /^QEMU emulator version 7\.2\./,
  args: [],
  types: { q35: 'pc-q35-7.2', pc: 'pc-i440fx-7.2' },
  tableConfigs: COMMON_CONFIGS,
};

export const QEMU_100: QemuRelease = {
  version: '10.0',
  peer: QEMU10_PEER,
  versionLine: /^QEMU emulator version 10\.0\./,
  // Debian's QEMU 10.0 is unpacked beside 7.2; its BIOS and option ROMs are in its own folder.
  args: ['-L', peerPath('qemu-10.0/firmware')],
  types: { q35: 'pc-q35-10.0', pc: 'pc-i440fx-10.0' },
  // Above 255 CPUs (x2APIC ids, Device() processor objects, x2APIC MADT entries):
  // QEMU 10.0 takes it under TCG with no further option; 7.2 refuses it without KVM
  // ("current -smp configuration requires kernel irqchip and X2APIC API support").
  tableConfigs: [...COMMON_CONFIGS, { machine: 'q35', cpus: 2, maxcpus: 288 }],
};

export const QEMU_RELEASES: readonly QemuRelease[] = [QEMU_72, QEMU_100];

export const smpOf = (c: TableConfig): string => `${c.cpus},maxcpus=${c.maxcpus}`;
export const configDir = (c: TableConfig): string => `smp-${c.cpus}-${c.maxcpus}`;

/** The release whose machine type this is ('pc-q35-10.0' → QEMU_100). */
export function releaseOfType(type: string): QemuRelease {
  const r = QEMU_RELEASES.find((x) => Object.values(x.types).includes(type));
  if (!r) throw new Error(`no QEMU release has the machine type ${type}`);
  return r;
}
