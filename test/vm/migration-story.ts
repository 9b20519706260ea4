// The migration story of qemu-cpuhp.md §6.3, as one reusable check: a guest boots on
// the source, CPUs come and go, the machine state moves to a destination built from
// another (or the same) machine type, and the SAME guest, with the AML it booted
// with, carries on against the destination's registers. It returns what went wrong
// instead of throwing, so that a design that breaks migration can be shown to fail
// it (test/vm/migration.test.ts). Not a test file.
import type { AcpiTableSet } from '../../src/machine/acpi-build.ts';
import type { Machine } from '../../src/machine/machine.ts';
import { findMachineType, type MachineType } from '../../src/machine/machine-types.ts';
import type { MachineConfig } from '../../src/machine/possible-cpus.ts';
import { add, cpuPath, del, guestOnline, makeRig, migrate, ospmSequence, timelineMark, vmmOnline, type Rig } from './rig.ts';

export interface StoryOptions {
  /** The source's machine type, by name or as a variant. */
  readonly source: string | MachineType;
  /** The destination's machine type (with the source's -smp) or its whole configuration. */
  readonly destination: MachineType | MachineConfig;
  readonly smp?: string;
  /** The source's tables (an AML variant); default buildAcpiTables. */
  readonly sourceTables?: (config: MachineConfig) => AcpiTableSet;
  /** Changes to the source machine before the guest boots (a register variant). */
  readonly prepareSource?: (m: Machine) => void;
}

export interface StoryResult {
  readonly rig: Rig;
  /** Violations on the source, before migrating. */
  readonly before: string[];
  /** Violations on the destination. */
  readonly after: string[];
}

export function migrationStory(o: StoryOptions): StoryResult {
  const source = typeof o.source === 'string' ? findMachineType(o.source) : o.source;
  const rig = makeRig(source.name, o.smp ?? '1,maxcpus=6', { boot: false, type: source, ...(o.sourceTables ? { tables: o.sourceTables } : {}) });
  o.prepareSource?.(rig.machine);
  rig.guest.boot();
  const before: string[] = [];
  const after: string[] = [];
  const x86 = rig.config.platform.presence.destroyOnUnplug;

  const staOf = (out: string[], where: string, slots: readonly number[], want: number) => {
    for (const i of slots) {
      const sta = rig.guest.processorStatus(cpuPath(i));
      if (sta !== want) out.push(`${where}: _STA of ${cpuPath(i)} is 0x${sta.toString(16)}, expected 0x${want.toString(16)}`);
    }
  };
  const agree = (out: string[], where: string) => {
    const g = guestOnline(rig).join();
    const v = vmmOnline(rig).join();
    if (g !== v) out.push(`${where}: guest online [${g}] but the VMM runs [${v}]`);
  };
  const ospm = (out: string[], where: string, slot: number, from: number, want: string[]) => {
    const got = ospmSequence(rig, cpuPath(slot), from);
    if (got.join() !== want.join()) out.push(`${where}: ${cpuPath(slot)} answered [${got}], expected [${want}]`);
  };

  // On the source: two CPUs in, and a third plugged but not yet seen by the guest.
  add(rig, 1);
  add(rig, 2);
  rig.guest.runUntilIdle();
  staOf(before, 'source', [0, 1, 2], 0x0f);
  agree(before, 'source');
  add(rig, 3);

  migrate(rig, o.destination);

  // On the destination, the same guest: nothing vanished, the pending plug arrives,
  // and hot-add and hot-remove still work.
  staOf(after, 'after migration', [0, 1, 2, 3], 0x0f);
  let mark = timelineMark(rig);
  rig.guest.runUntilIdle();
  ospm(after, 'the plug in flight', 3, mark, ['_OST(1,0x0)']);
  agree(after, 'the plug in flight');

  mark = timelineMark(rig);
  add(rig, 4);
  rig.guest.runUntilIdle();
  ospm(after, 'hot-add after migration', 4, mark, ['_OST(1,0x0)']);
  agree(after, 'hot-add after migration');

  mark = timelineMark(rig);
  del(rig, 1);
  rig.guest.runUntilIdle();
  ospm(after, 'hot-remove after migration', 1, mark, ['_OST(3,0x84)', '_EJ0', '_OST(3,0x0)']);
  if (rig.machine.vcpu(1)?.enabled) after.push('hot-remove after migration: the vCPU is still enabled');
  agree(after, 'hot-remove after migration');
  staOf(after, 'at the end', [0, 2, 3, 4], 0x0f);
  staOf(after, 'at the end', [1], x86 ? 0 : 0x0d);
  return { rig, before, after };
}

/** A machine type by name, or a variant of one (same name, so its stream loads). */
export const type = (name: string, change: Partial<MachineType> = {}): MachineType => ({ ...findMachineType(name), ...change });
