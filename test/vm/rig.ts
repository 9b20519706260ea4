// A VM (the assembly `cpuhp run` and `cpuhp scenario` use) driven by the test, with
// everything both sides do recorded in one timeline, for the guest-and-VMM tests
// (test/vm, test/guest). Not a test file.
import type { GuestOptions } from '../../src/guest/guest.ts';
import type { GuestEvent } from '../../src/guest/events.ts';
import { cpuObjectName } from '../../src/hotplug/aml.ts';
import type { AcpiTableSet } from '../../src/machine/acpi-build.ts';
import { Machine, type MachineEvent } from '../../src/machine/machine.ts';
import { findMachineType, type MachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig, type MachineConfig } from '../../src/machine/possible-cpus.ts';
import type { Guest } from '../../src/guest/guest.ts';
import { Vm } from '../../src/vm/vm.ts';

/** One thing that happened, guest side or VMM side, in order. */
export type Entry =
  | { readonly side: 'guest'; readonly e: GuestEvent; readonly scan: number }
  | { readonly side: 'vmm'; readonly e: MachineEvent; readonly scan: number };

export interface Rig {
  readonly config: MachineConfig;
  readonly vm: Vm;
  /** Everything, in order. `scan` counts the interrupts the guest has serviced so far. */
  readonly timeline: Entry[];
  /** The machine the guest is on now (changes with migrate()). */
  readonly machine: Machine;
  readonly guest: Guest;
}

export interface RigOptions extends GuestOptions {
  /** Boot the guest at once (default true). */
  readonly boot?: boolean;
  /** Build the machine from this type instead of looking the name up (AML variants). */
  readonly type?: MachineType;
  /** Use these tables instead of buildAcpiTables(config). */
  readonly tables?: (config: MachineConfig) => AcpiTableSet;
}

export function makeRig(machine: string, smp: string, options: RigOptions = {}): Rig {
  const config = createMachineConfig(options.type ?? findMachineType(machine), smp);
  const vm = new Vm(config, {
    startPaused: false,
    guest: options,
    drive: 'caller',
    onQuit: () => {},
    ...(options.tables ? { tables: options.tables } : {}),
  });
  const timeline: Entry[] = [];
  let scan = 0;
  vm.on((v) => {
    if (v.type === 'guest') {
      if (v.event.type === 'interrupt') scan++;
      if (v.event.type !== 'io') timeline.push({ side: 'guest', e: v.event, scan });
    } else if (v.type === 'machine' && v.event.type !== 'bus' && v.event.type !== 'trace') {
      timeline.push({ side: 'vmm', e: v.event, scan });
    }
  });
  const guest = vm.prepareGuest()!;
  if (options.boot ?? true) vm.start();
  return {
    config,
    vm,
    timeline,
    get machine() {
      return vm.machine;
    },
    guest,
  };
}

/**
 * Saves the machine, builds the destination from `to` (a machine type, with the
 * source's -smp, or a whole configuration) with the stream, and moves the guest there.
 */
export function migrate(rig: Rig, to: MachineType | MachineConfig): Machine {
  const config = 'platform' in to ? to : createMachineConfig(to, smpOf(rig.config));
  return rig.vm.migrateLive(config);
}

export const smpOf = (c: MachineConfig) => `${c.topology.cpus},maxcpus=${c.topology.maxCpus}`;

/** The processor object of a slot. */
export const cpuPath = (uid: number): string => `\\_SB.CPUS.${cpuObjectName(uid)}`;

/** device_add properties for a slot, with id `cpu<index>`. */
export function cpuProps(config: MachineConfig, index: number): Record<string, unknown> {
  const c = config.cpus[index];
  if (!c) throw new RangeError(`no slot ${index}`);
  return { driver: config.platform.cpuType, ...c.props, id: `cpu${index}` };
}

export const add = (rig: Rig, index: number): void => rig.machine.deviceAdd(cpuProps(rig.config, index));
export const del = (rig: Rig, index: number): void => rig.machine.deviceDel(`cpu${index}`);

/** Hardware ids (APIC id / MPIDR) of the CPUs the guest kernel has online, ascending. */
export const guestOnline = (rig: Rig): number[] =>
  rig.guest.cpus().filter((c) => c.online).map((c) => c.hwId).sort((a, b) => a - b);

/** Arch ids of the vCPUs the VMM runs (query-cpus-fast), ascending. */
export const vmmOnline = (rig: Rig): number[] =>
  rig.machine.cpusFast().map((c) => rig.config.cpus[c['cpu-index']]!.archId).sort((a, b) => a - b);

// -- views of the timeline -----------------------------------------------------------

export interface NotifyRec {
  readonly path: string;
  readonly value: number;
  readonly scan: number;
}

export const notifies = (rig: Rig, from = 0): NotifyRec[] =>
  rig.timeline.slice(from).flatMap((t) => (t.side === 'guest' && t.e.type === 'notify' ? [{ path: t.e.path, value: t.e.value, scan: t.scan }] : []));

/** What the guest did to one processor object that the VMM can see: _OST and _EJ0, in order. */
export function ospmSequence(rig: Rig, path: string, from = 0): string[] {
  return rig.timeline.slice(from).flatMap((t) => {
    if (t.side !== 'guest') return [];
    if (t.e.type === 'ost' && t.e.path === path) return [`_OST(${t.e.source},0x${t.e.status.toString(16)})`];
    if (t.e.type === 'aml' && t.e.path === `${path}._EJ0`) return ['_EJ0'];
    return [];
  });
}

/** QMP events about one slot, as short strings: ACPI_DEVICE_OST by slot, DEVICE_DELETED by QOM path prefix. */
export function qmpSequence(rig: Rig, index: number, qomPath: string, from = 0): string[] {
  return rig.timeline.slice(from).flatMap((t) => {
    if (t.side !== 'vmm' || t.e.type !== 'qmp-event') return [];
    const d = t.e.data;
    if (t.e.event === 'ACPI_DEVICE_OST') {
      const info = d['info'] as { slot: string; source: number; status: number; device?: string };
      return info.slot === String(index) ? [`OST(${info.source},0x${info.status.toString(16)})${info.device ? ` ${info.device}` : ''}`] : [];
    }
    const path = String(d['path']);
    if (path !== qomPath && !path.startsWith(`${qomPath}/`)) return [];
    return [`DELETED ${path}${d['device'] ? ` ${String(d['device'])}` : ''}`];
  });
}

export const timelineMark = (rig: Rig): number => rig.timeline.length;
