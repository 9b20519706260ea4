// Hot-add of 1, 8 and maxcpus-1 vCPUs at once, then hot-remove of them, on every
// current machine type, with a guest that runs the machine's AML: the guest and the
// VMM end with the same CPUs, the guest is notified in ascending uid order, answers
// with the _OST sequences Linux produces, and the VMM reports the matching QMP events.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  add, cpuPath, del, guestOnline, makeRig, notifies, ospmSequence, qmpSequence, timelineMark, vmmOnline, type Rig,
} from './rig.ts';

const MACHINES = ['q35', 'pc', 'virt'] as const;

/** `n` slots spread over 1..max-1, returned in descending order so ascending notifies are not just plug order. */
function pick(max: number, n: number): number[] {
  const all = Array.from({ length: max - 1 }, (_, i) => i + 1);
  if (n >= all.length) return all.reverse();
  const step = all.length / n;
  return Array.from({ length: n }, (_, k) => all[Math.floor(k * step)]!).reverse();
}

const uidOf = (path: string) => parseInt(path.slice(-3), 16);
const ascending = (xs: readonly number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! < x);

function hotAdd(rig: Rig, slots: readonly number[]): void {
  const mark = timelineMark(rig);
  for (const i of slots) add(rig, i);
  rig.guest.runUntilIdle();

  assert.deepEqual(guestOnline(rig), vmmOnline(rig), 'guest online set == VMM set');
  assert.equal(vmmOnline(rig).length, slots.length + 1);
  const n = notifies(rig, mark);
  assert.ok(n.every((x) => x.value === 1), 'only Device Checks');
  assert.ok(ascending(n.map((x) => uidOf(x.path))), `ascending uids: ${n.map((x) => uidOf(x.path)).join(',')}`);
  assert.deepEqual(n.map((x) => uidOf(x.path)), [...slots].sort((a, b) => a - b), 'each plugged CPU notified exactly once');
  assert.equal(new Set(n.map((x) => x.scan)).size, 1, 'one SCI handles all of them');
  for (const i of slots) {
    assert.deepEqual(ospmSequence(rig, cpuPath(i), mark), ['_OST(1,0x0)'], `slot ${i} _OST`);
    assert.deepEqual(qmpSequence(rig, i, `/machine/peripheral/cpu${i}`, mark), [`OST(1,0x0) cpu${i}`], `slot ${i} QMP`);
    assert.equal(rig.guest.processorStatus(cpuPath(i)), 0x0f);
  }
}

function hotRemove(rig: Rig, slots: readonly number[]): void {
  const mark = timelineMark(rig);
  for (const i of slots) del(rig, i);
  rig.guest.runUntilIdle();

  const x86 = rig.config.platform.presence.destroyOnUnplug;
  assert.deepEqual(guestOnline(rig), vmmOnline(rig), 'guest online set == VMM set');
  assert.deepEqual(vmmOnline(rig), [rig.config.cpus[0]!.archId], 'only the boot CPU is left');
  const n = notifies(rig, mark);
  assert.ok(n.every((x) => x.value === 3), 'only Eject Requests');
  assert.deepEqual(n.map((x) => uidOf(x.path)), [...slots].sort((a, b) => a - b), 'ascending, each once');
  assert.equal(new Set(n.map((x) => x.scan)).size, 1, 'one SCI handles all of them');
  for (const i of slots) {
    const qom = `/machine/peripheral/cpu${i}`;
    assert.deepEqual(ospmSequence(rig, cpuPath(i), mark), ['_OST(3,0x84)', '_EJ0', '_OST(3,0x0)'], `slot ${i} _OST/_EJ0`);
    // x86 destroys the CPU, whose local APIC child goes first; arm64 keeps the vCPU object.
    const deleted = x86 ? [`DELETED ${qom}/lapic`, `DELETED ${qom} cpu${i}`] : [`DELETED ${qom} cpu${i}`];
    assert.deepEqual(qmpSequence(rig, i, qom, mark), [`OST(3,0x84) cpu${i}`, ...deleted, 'OST(3,0x0)'], `slot ${i} QMP`);
    if (x86) assert.equal(rig.machine.vcpu(i), undefined, `slot ${i} object destroyed`);
    else assert.equal(rig.machine.vcpu(i)?.enabled, false, `slot ${i} object kept, disabled`);
    assert.equal(rig.guest.processorStatus(cpuPath(i)), x86 ? 0 : 0x0d);
  }
  assert.equal(rig.guest.processorStatus(cpuPath(0)), 0x0f);
}

for (const machine of MACHINES) {
  describe(`${machine}: hot-add then hot-remove, maxcpus=16`, () => {
    for (const n of [1, 8, 15]) {
      test(`${n} vCPU${n === 1 ? '' : 's'} at once`, () => {
        const rig = makeRig(machine, '1,maxcpus=16');
        const slots = pick(16, n);
        hotAdd(rig, slots);
        hotRemove(rig, slots);
        // And again: slots are reusable and nothing was left pending.
        hotAdd(rig, slots);
        hotRemove(rig, [...slots].reverse());
      });
    }

    test('one scan with inserts and removes notifies every Device Check before any Eject Request', () => {
      const rig = makeRig(machine, '1,maxcpus=8');
      hotAdd(rig, [1, 2, 3, 4]);
      const mark = timelineMark(rig);
      del(rig, 3);
      add(rig, 6);
      del(rig, 1);
      add(rig, 5);
      rig.guest.runUntilIdle();
      const n = notifies(rig, mark);
      assert.deepEqual(n.map((x) => `${uidOf(x.path)}:${x.value}`), ['5:1', '6:1', '1:3', '3:3']);
      assert.equal(new Set(n.map((x) => x.scan)).size, 1);
      assert.deepEqual(guestOnline(rig), vmmOnline(rig));
    });
  });
}

test("pc-q35-7.2 (QEMU 7.2's CSCN) notifies removes as it finds them, before the batched inserts", () => {
  // The contrast that shows the ordering test above can fail: the old CSCN does not batch removes.
  const rig = makeRig('pc-q35-7.2', '1,maxcpus=8');
  hotAdd(rig, [1, 2, 3, 4]);
  const mark = timelineMark(rig);
  del(rig, 3);
  add(rig, 6);
  del(rig, 1);
  add(rig, 5);
  rig.guest.runUntilIdle();
  assert.deepEqual(notifies(rig, mark).map((x) => `${uidOf(x.path)}:${x.value}`), ['1:3', '3:3', '5:1', '6:1']);
  assert.deepEqual(guestOnline(rig), vmmOnline(rig));
});

describe('bigger machines: several CSCN batches of 255 in one SCI', () => {
  test('q35, maxcpus=600 (x2APIC ids, Device() objects): all 599 in and out', () => {
    const rig = makeRig('q35', '1,maxcpus=600');
    const slots = pick(600, 599);
    hotAdd(rig, slots);
    hotRemove(rig, slots);
  });

  test('virt, maxcpus=512: all 511 in and out', () => {
    const rig = makeRig('virt', '1,maxcpus=512');
    const slots = pick(512, 511);
    hotAdd(rig, slots);
    hotRemove(rig, slots);
  });
});
