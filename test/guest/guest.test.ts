// The guest's own behaviour, Linux's where it matters to a VMM: logical CPU numbers,
// interrupts that arrive before ACPI init, edge interrupts that merge.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { interruptsFromCrs } from '../../src/guest/event-sources.ts';
import { add, cpuPath, del, makeRig, notifies, ospmSequence, timelineMark } from '../vm/rig.ts';

describe('x86 logical CPU numbers', () => {
  test('are persistent per APIC id and never handed to another APIC id (cpuid_to_apicid)', () => {
    const rig = makeRig('q35', '1,maxcpus=8');
    const numberOf = (slot: number) => rig.guest.cpus().find((c) => c.hwId === rig.config.cpus[slot]!.archId && c.present)?.cpu;
    add(rig, 2);
    add(rig, 3);
    rig.guest.runUntilIdle();
    assert.deepEqual([numberOf(2), numberOf(3)], [1, 2]);
    del(rig, 2);
    rig.guest.runUntilIdle();
    add(rig, 5);
    rig.guest.runUntilIdle();
    assert.equal(numberOf(5), 3, "a new APIC id gets a new number, not the removed CPU's 1");
    add(rig, 2);
    rig.guest.runUntilIdle();
    assert.equal(numberOf(2), 1, 'APIC id 2 gets its old number back');
    assert.deepEqual(rig.guest.cpus().filter((c) => c.online).map((c) => c.cpu), [0, 1, 2, 3]);
  });

  test('arm64 numbers every possible CPU at boot in MADT order', () => {
    const rig = makeRig('virt', '1,maxcpus=4');
    assert.deepEqual(rig.guest.cpus().map((c) => [c.cpu, c.hwId, c.present, c.online]), [
      [0, 0, true, true], [1, 1, true, false], [2, 2, true, false], [3, 3, true, false],
    ]);
  });
});

describe('interrupts', () => {
  test('x86: a hot-plug before ACPI init finds the CPU at boot, and its event waits for the next SCI', () => {
    // Linux clears stale GPE status when it enables GPEs (qemu-cpuhp.md §6.1).
    const rig = makeRig('q35', '1,maxcpus=4', { boot: false });
    add(rig, 2);
    rig.guest.boot();
    assert.equal(rig.guest.cpus().find((c) => c.hwId === 2)?.online, true, 'enumerated at boot (_STA 0x0F)');
    rig.guest.runUntilIdle();
    assert.equal(rig.machine.controller.slot(2).inserting, true, 'the insert event is still latched');
    const mark = timelineMark(rig);
    add(rig, 3);
    rig.guest.runUntilIdle();
    assert.deepEqual(notifies(rig, mark).map((n) => [n.path, n.value]), [[cpuPath(2), 1], [cpuPath(3), 1]]);
    assert.deepEqual(ospmSequence(rig, cpuPath(2), mark), ['_OST(1,0x0)'], 'already enumerated: success');
    assert.equal(rig.machine.controller.slot(2).inserting, false);
  });

  test('arm64: GED pulses that arrive before the guest runs merge into one _EVT', () => {
    const rig = makeRig('virt', '1,maxcpus=8');
    const mark = timelineMark(rig);
    for (const i of [1, 2, 3]) add(rig, i);
    rig.guest.runUntilIdle();
    const irqs = rig.timeline.slice(mark).filter((t) => t.side === 'guest' && t.e.type === 'interrupt');
    assert.equal(irqs.length, 1);
    assert.equal(notifies(rig, mark).length, 3);
  });

  test("the GED's interrupt comes from its _CRS Extended Interrupt descriptor", () => {
    // Interrupt (ResourceConsumer, Edge, ActiveHigh, Exclusive) {41, 42}, End Tag.
    const crs = Uint8Array.from([0x89, 10, 0, 0x03, 2, 41, 0, 0, 0, 42, 0, 0, 0, 0x79, 0]);
    assert.deepEqual(interruptsFromCrs(crs), [41, 42]);
    assert.deepEqual(interruptsFromCrs(Uint8Array.from([0x89, 200, 0])), [], 'a descriptor running past the end is ignored');
  });

  test('a guest that is not booted does nothing when stepped', () => {
    const rig = makeRig('q35', '1,maxcpus=4', { boot: false });
    add(rig, 1);
    assert.equal(rig.guest.step(), false);
    assert.equal(rig.guest.runUntilIdle(), 0);
  });

  test('the guest is deterministic: the same inputs give the same timeline', () => {
    const run = () => {
      const rig = makeRig('virt', '1,maxcpus=4');
      add(rig, 2);
      del(rig, 2);
      add(rig, 3);
      rig.guest.runUntilIdle();
      return JSON.stringify(rig.timeline, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    };
    assert.equal(run(), run());
  });
});

describe("the _STA reads of Linux's processor hot-plug, as QEMU's trace shows them under real Linux", () => {
  /** The processor objects whose _STA the guest read since `from`, in order, by slot. */
  const staReads = (rig: ReturnType<typeof makeRig>, from: number) =>
    rig.timeline.slice(from).flatMap((t) => {
      if (t.side !== 'guest' || t.e.type !== 'sta') return [];
      const path = t.e.path;
      return [rig.config.cpus.findIndex((_, i) => cpuPath(i) === path)];
    });

  test('a Device Check rescans the parent (Linux 6.12) or reads the device thrice (6.1)', () => {
    for (const [deviceCheck, want] of [['parent', [1, 0, 1, 2, 3]], ['device', [1, 1, 1]]] as const) {
      const rig = makeRig('q35', '1,maxcpus=4', { deviceCheck });
      const mark = timelineMark(rig);
      add(rig, 1);
      rig.guest.runUntilIdle();
      assert.deepEqual(staReads(rig, mark), want, deviceCheck);
      assert.equal(rig.guest.cpus().find((c) => c.hwId === 1)?.online, true, deviceCheck);
    }
  });

  test('after _EJ0, x86 reads _STA once and arm64 twice (its arch_unregister_cpu)', () => {
    for (const [machine, reads] of [['q35', 1], ['virt', 2]] as const) {
      const rig = makeRig(machine, '1,maxcpus=4');
      add(rig, 1);
      rig.guest.runUntilIdle();
      const mark = timelineMark(rig);
      del(rig, 1);
      rig.guest.runUntilIdle();
      const ej0 = rig.timeline.findIndex((t, i) => i >= mark && t.side === 'guest' && t.e.type === 'aml' && t.e.path.endsWith('._EJ0'));
      assert.ok(ej0 >= 0, machine);
      assert.equal(staReads(rig, ej0).filter((s) => s === 1).length, reads, machine);
      assert.equal(rig.guest.cpus().find((c) => c.hwId === rig.config.cpus[1]!.archId)?.registered, false, machine);
    }
  });
});
