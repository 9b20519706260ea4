// The x86 real pairs: QEMU 7.2 (Debian bookworm's qemu-system-x86) or QEMU 10.0
// (bookworm-backports, unpacked into the peers folder) with TCG, booting Debian's
// Linux 6.1 or 6.12 amd64 straight from the kernel (SeaBIOS, no boot loader), its
// console on ttyS0. cpuhp's machine type names are QEMU's (`q35`, `pc`, `pc-q35-7.2`,
// ...), so the QEMU machine of a row is the cpuhp machine it runs.
import { linuxPeer, peerPath, QEMU10_PEER, QEMU_PEER, type PeerSpec } from '../peer.ts';
import type { GuestOptions } from '../../../src/guest/guest.ts';
import type { MachineConfig } from '../../../src/machine/possible-cpus.ts';
import { acpi63Upgrade } from './acpi63.ts';
import type { PlanStep } from './hotplug-plan.ts';
import { LinuxGuest, type GuestConfig } from './linux-guest.ts';
import { guestTables, type FirmwareTables, type RealPair } from './real-pair.ts';

/** The DSDT objects of x86 CPU hot-plug (QEMU's build_cpus_aml and its GPE handler), in definition order. */
export const X86_CPU_HOTPLUG_OBJECTS = ['\\_SB.PCI0.PRES', '\\_SB.CPUS', '\\_GPE._E02'];

export type QemuRelease = '7.2' | '10.0';
export type X86Kernel = '6.1' | '6.12';

const QEMU: Record<QemuRelease, { readonly peer: PeerSpec; readonly args: readonly string[] }> = {
  '7.2': { peer: QEMU_PEER, args: [] },
  // Its own firmware (SeaBIOS and option ROMs), not 7.2's from /usr/share/qemu.
  '10.0': { peer: QEMU10_PEER, args: ['-L', peerPath('qemu-10.0', 'firmware')] },
};

const kernelFolder = (k: X86Kernel) => `linux-${k}-amd64`;

/** One real x86 pair: which QEMU runs which cpuhp machine type, with which kernel. */
export interface X86PairSpec {
  /** cpuhp's machine type, and the QEMU machine of the same name. */
  readonly machine: string;
  readonly qemu: QemuRelease;
  readonly kernel: X86Kernel;
}

/** How cpuhp's simulated guest is to behave to match the row's kernel (src/guest/processor-driver.ts DeviceCheckScope). */
export function x86GuestOptions(kernel: X86Kernel): GuestOptions {
  return kernel === '6.1' ? { deviceCheck: 'device' } : {};
}

export const x86PairLabel = (s: X86PairSpec): string => `${s.machine} on QEMU ${s.qemu}, Linux ${s.kernel}`;

export function x86PairPeers(s: X86PairSpec): PeerSpec[] {
  return [QEMU[s.qemu].peer, linuxPeer(kernelFolder(s.kernel))];
}

/**
 * How many vCPUs a QEMU with TCG can create over its life: -smp's maxcpus. Each vCPU
 * thread takes one of maxcpus TCG contexts and an unplugged vCPU never gives its
 * back, so creation number maxcpus + 1 (a re-plug after maxcpus plugs in all) ends
 * QEMU 10.0 with "tcg_register_thread: assertion failed: (n < tcg_max_ctxs)".
 * Single-threaded TCG (thread=single) is no way out: it aborts at the first unplug
 * ("qemu_thread_join: Resource deadlock avoided"). The plans stay within the budget.
 */
export function vcpuCreations(config: MachineConfig, steps: readonly PlanStep[]): number {
  return config.topology.cpus + steps.filter((s) => s.op === 'add').reduce((n, s) => n + s.slots.length, 0);
}

/** QEMU's arguments for the machine of a row, without a guest. */
export function x86MachineArgs(s: X86PairSpec, smp: string): string[] {
  return [...QEMU[s.qemu].args, '-accel', 'tcg', '-M', s.machine, '-m', '512', '-smp', smp];
}

function bootX86(s: X86PairSpec, smp: string, tables: NonNullable<GuestConfig['tables']>): Promise<LinuxGuest> {
  const folder = kernelFolder(s.kernel);
  return LinuxGuest.boot({
    qemu: QEMU[s.qemu].peer.command,
    machineArgs: x86MachineArgs(s, smp),
    kernel: peerPath(folder, 'vmlinuz'),
    busybox: peerPath(folder, 'busybox'),
    console: 'ttyS0',
    tables,
    trace: ['cpuhp_acpi_*'],
  });
}

/** Firmware tables per QEMU, machine and -smp: one boot each per process. */
const firmwareCache = new Map<string, Promise<FirmwareTables>>();

/**
 * QEMU's own tables for the row's machine, as SeaBIOS handed them to a guest: read
 * back from a first boot, since the FADT the ACPI 6.3 upgrade starts from carries
 * the addresses SeaBIOS gave the DSDT and FACS (fw_cfg has only blob offsets).
 */
function qemuTables(s: X86PairSpec, smp: string): Promise<FirmwareTables> {
  const key = `${s.qemu} ${s.machine} ${smp}`;
  let tables = firmwareCache.get(key);
  if (!tables) {
    tables = (async () => {
      const g = await bootX86(s, smp, []);
      try {
        const t = await guestTables(g, ['DSDT', 'APIC', 'FACP']);
        return { dsdt: t.get('DSDT')!, madt: t.get('APIC')!, fadt: t.get('FACP')! };
      } finally {
        await g.stop();
      }
    })();
    // A failed boot is not remembered: the next caller tries again.
    tables.catch(() => firmwareCache.delete(key));
    firmwareCache.set(key, tables);
  }
  return tables;
}

export function x86Pair(s: X86PairSpec): RealPair {
  return {
    peers: x86PairPeers(s),
    hotplugObjects: X86_CPU_HOTPLUG_OBJECTS,
    firmwareTables: (smp) => qemuTables(s, smp),
    boot: (smp, tables) => bootX86(s, smp, tables),
    // acpi63.ts: Linux 6.12 under TCG counts hot-pluggable CPUs only with ACPI 6.3's Online Capable.
    ...(s.kernel === '6.12' ? { adapt: acpi63Upgrade } : {}),
  };
}
