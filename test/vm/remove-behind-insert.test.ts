// A vCPU plugged and then unplug-requested before the guest ran: one SCI carries
// both its insert and its remove event (qemu-cpuhp.md §6.1). The current CSCN
// batches both and handles them in that one SCI; QEMU 7.2's CSCN looks at a remove
// only when no insert is pending, so the remove waits for the next SCI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { add, cpuPath, del, guestOnline, makeRig, notifies, ospmSequence, timelineMark, vmmOnline } from './rig.ts';

const interrupts = (rig: ReturnType<typeof makeRig>, from: number) =>
  rig.timeline.slice(from).filter((t) => t.side === 'guest' && t.e.type === 'interrupt').length;

describe('current machine types: the remove behind an insert is handled in the same SCI', () => {
  for (const machine of ['q35', 'pc', 'virt']) {
    test(machine, () => {
      const rig = makeRig(machine, '1,maxcpus=4');
      const mark = timelineMark(rig);
      add(rig, 2);
      del(rig, 2);
      rig.guest.runUntilIdle();
      assert.equal(interrupts(rig, mark), 1, 'one SCI');
      const n = notifies(rig, mark);
      assert.deepEqual(n.map((x) => [x.path, x.value]), [[cpuPath(2), 1], [cpuPath(2), 3]], 'Device Check, then Eject Request');
      assert.equal(new Set(n.map((x) => x.scan)).size, 1);
      assert.deepEqual(ospmSequence(rig, cpuPath(2), mark), ['_OST(1,0x0)', '_OST(3,0x84)', '_EJ0', '_OST(3,0x0)']);
      const slot = rig.machine.controller.slot(2);
      assert.equal(slot.inserting || slot.removing, false, 'nothing left pending');
      assert.equal(slot.enabled, false, 'the vCPU is gone');
      assert.deepEqual(guestOnline(rig), vmmOnline(rig));
    });
  }
});

describe("QEMU 7.2's machine types: the remove waits for the next SCI", () => {
  for (const machine of ['pc-q35-7.2', 'pc-i440fx-7.2']) {
    test(machine, () => {
      const rig = makeRig(machine, '1,maxcpus=4');
      assert.equal(rig.machine.controller.mode, 'modern', 'the guest switched the block at boot');
      const mark = timelineMark(rig);
      add(rig, 2);
      del(rig, 2);
      rig.guest.runUntilIdle();
      assert.equal(interrupts(rig, mark), 1);
      assert.deepEqual(notifies(rig, mark).map((x) => [x.path, x.value]), [[cpuPath(2), 1]], 'only the Device Check');
      assert.equal(rig.machine.controller.slot(2).removing, true, 'the remove is still pending');
      assert.equal(rig.machine.vcpu(2)?.enabled, true, 'and the vCPU still plugged');
      assert.equal(rig.guest.busy, false, 'with no interrupt to fetch it');
      assert.ok(guestOnline(rig).includes(rig.config.cpus[2]!.archId), 'the guest brought the CPU online');

      // Any later SCI-raising event, here a plug of another vCPU, lets CSCN see the remove.
      const mark2 = timelineMark(rig);
      add(rig, 3);
      rig.guest.runUntilIdle();
      assert.deepEqual(notifies(rig, mark2).map((x) => [x.path, x.value]), [[cpuPath(2), 3], [cpuPath(3), 1]]);
      assert.deepEqual(ospmSequence(rig, cpuPath(2), mark2), ['_OST(3,0x84)', '_EJ0', '_OST(3,0x0)']);
      assert.equal(rig.machine.controller.slot(2).removing, false);
      assert.equal(rig.machine.vcpu(2), undefined, 'removed now');
      assert.deepEqual(guestOnline(rig), vmmOnline(rig));
    });
  }
});
