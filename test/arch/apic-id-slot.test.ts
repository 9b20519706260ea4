// device_add by apic-id (src/machine/apic-id-slot.ts) without a QEMU: each
// expectation is what QEMU 7.2.22 answered in the QMP differential
// (test/peers/qmp-differential.test.ts, "device_add by apic-id"), which checks
// them live when QEMU is installed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { Machine } from '../../src/machine/machine.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';

const CPU = 'qemu64-x86_64-cpu';

test('device_add with apic-id: QEMU 7.2 answers on -smp 1,sockets=2,cores=3,maxcpus=6 (APIC ids 0,1,2,4,5,6)', () => {
  const m = new Machine(createMachineConfig(findMachineType('pc-q35-7.2'), '1,sockets=2,cores=3,threads=1,maxcpus=6'));
  const add = (props: Record<string, unknown>) => {
    try {
      m.deviceAdd({ driver: CPU, ...props });
      return 'ok';
    } catch (e) {
      return (e as Error).message;
    }
  };
  assert.equal(add({ id: 'a', 'apic-id': 3 }), 'Invalid CPU [socket: 0, die: 0, core: 3, thread: 0] with APIC ID 3, valid index range 0:5');
  assert.equal(add({ id: 'a', 'apic-id': 4, 'socket-id': 0 }), "property socket-id: 0 doesn't match set apic-id: 0x4 (socket-id: 1)");
  assert.equal(add({ id: 'a', 'apic-id': 5, 'socket-id': 1, 'core-id': 0, 'thread-id': 0 }), "property core-id: 0 doesn't match set apic-id: 0x5 (core-id: 1)");
  assert.equal(add({ id: 'a', 'apic-id': 5, 'socket-id': -7 }), "property socket-id: 4294967289 doesn't match set apic-id: 0x5 (socket-id: 1)");
  assert.equal(add({ id: 'a', 'apic-id': 0 }), 'CPU[0] with APIC ID 0 exists');
  assert.equal(add({ id: 'a', 'apic-id': 'x' }), "Parameter 'apic-id' expects integer");
  assert.equal(add({ id: 'a', 'apic-id': -1 }), "Parameter 'apic-id' expects uint32_t");
  assert.equal(add({ id: 'a', 'apic-id': 4294967296 }), "Parameter 'apic-id' expects uint32_t");
  assert.equal(add({ id: 'a', 'apic-id': 6, 'node-id': 1 }), 'invalid node-id, must be 0');
  assert.equal(add({ id: 'a', 'apic-id': '0x2' }), 'ok');
  // 0xffffffff is QEMU's UNASSIGNED_APIC_ID: the topology ids decide.
  assert.equal(add({ id: 'b', 'apic-id': 4294967295, 'socket-id': 0, 'core-id': 1, 'thread-id': 0 }), 'ok');
  const plugged = m.hotpluggableCpus().filter((c) => c['qom-path'] !== undefined).map((c) => c.props);
  assert.deepEqual(plugged, [
    { 'socket-id': 0, 'core-id': 2, 'thread-id': 0 },
    { 'socket-id': 0, 'core-id': 1, 'thread-id': 0 },
    { 'socket-id': 0, 'core-id': 0, 'thread-id': 0 },
  ]);
});

test('apic-id is an x86 property: arm64 virt does not have it', () => {
  const m = new Machine(createMachineConfig(findMachineType('virt'), '1,maxcpus=4'));
  assert.throws(() => m.deviceAdd({ driver: 'max-arm-cpu', 'apic-id': 1 }), /Property 'max-arm-cpu.apic-id' not found/);
});
