import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Machine, type MachineEvent } from '../../src/machine/machine.ts';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';

function machine(name: string, smp: string) {
  const m = new Machine(createMachineConfig(findMachineType(name), smp));
  const events: MachineEvent[] = [];
  m.observe((e) => events.push(e));
  return { m, events, qmp: () => events.filter((e) => e.type === 'qmp-event') };
}

const X86_CPU = 'qemu64-x86_64-cpu';
const ARM_CPU = 'max-arm-cpu';
const x86 = (core: number, id?: string) => ({ driver: X86_CPU, 'socket-id': 0, 'core-id': core, 'thread-id': 0, ...(id ? { id } : {}) });
const arm = (core: number, id?: string) => ({ driver: ARM_CPU, 'socket-id': 0, 'cluster-id': 0, 'core-id': core, 'thread-id': 0, ...(id ? { id } : {}) });

/** What the guest's _EJ0 does: select the slot, write the eject bit. */
function eject(m: Machine, space: 'io' | 'mmio', base: number, index: number) {
  m.bus.write(space, base, 4, BigInt(index));
  m.bus.write(space, base + 4, 1, 8n);
}

describe('device_add / device_del on q35', () => {
  test("refusals use QEMU's words and change nothing", () => {
    const { m } = machine('q35', '1,maxcpus=4');
    const cases: [Record<string, unknown>, string][] = [
      [{ driver: 'foo' }, "'foo' is not a valid device model name"],
      [{ driver: 'host-x86_64-cpu' }, "Invalid CPU type, expected cpu type: 'qemu64-x86_64-cpu'"],
      [{ driver: X86_CPU }, 'CPU socket-id is not set'],
      [{ driver: X86_CPU, 'socket-id': 0 }, 'CPU core-id is not set'],
      [{ ...x86(9) }, 'Invalid CPU core-id: 9 must be in range 0:3'],
      [{ ...x86(1), 'socket-id': 1 }, 'Invalid CPU socket-id: 1 must be in range 0:0'],
      [{ ...x86(0) }, 'CPU[0] with APIC ID 0 exists'],
      [{ ...x86(1), foo: 1 }, "Property 'qemu64-x86_64-cpu.foo' not found"],
      [{ ...x86(1), 'socket-id': 'x' }, "Parameter 'socket-id' expects integer"],
      [{ ...x86(1), 'node-id': 1 }, 'invalid node-id, must be 0'],
      [{ ...x86(1), id: '1bad' }, "Parameter 'id' expects an identifier"],
      [{ ...x86(1), bus: 'x' }, "Bus 'x' not found"],
    ];
    for (const [props, message] of cases) assert.throws(() => m.deviceAdd(props), { name: 'DeviceError', message });
    assert.equal(m.cpusFast().length, 1);
    assert.equal(m.hotpluggableCpus().filter((c) => c['qom-path']).length, 1);
  });

  test('device_add finds the slot of a multi-socket, multi-thread topology', () => {
    const { m } = machine('q35', '2,maxcpus=16,sockets=2,cores=4,threads=2');
    m.deviceAdd({ driver: X86_CPU, 'socket-id': 1, 'core-id': 2, 'thread-id': 1, id: 'c' });
    assert.equal(m.vcpu(13)?.id, 'c');
    // thread 1 | core 2 << 1 | socket 1 << 3
    assert.equal(m.vcpu(13)?.archId, 1 | (2 << 1) | (1 << 3));
    assert.throws(() => m.deviceAdd({ driver: X86_CPU, 'socket-id': 1, 'core-id': 4, 'thread-id': 0 }), { message: 'Invalid CPU core-id: 4 must be in range 0:3' });
  });

  test('a duplicate id is refused', () => {
    const { m } = machine('q35', '1,maxcpus=4');
    m.deviceAdd(x86(1, 'cpu1'));
    assert.throws(() => m.deviceAdd(x86(2, 'cpu1')), { message: "Duplicate device ID 'cpu1'" });
  });

  test('hot-add sets the insert event and GPE0 bit 2; the SCI rises once enabled', () => {
    const { m, events } = machine('q35', '1,maxcpus=4');
    m.deviceAdd(x86(2, 'cpu2'));
    assert.equal(m.bus.read('io', 0x620, 1), 0x04n);
    m.bus.write('io', 0x628, 1, 0x04n);
    assert.deepEqual(events.filter((e) => e.type === 'irq'), [{ type: 'irq', line: 9, level: true }]);
    m.bus.write('io', 0xcd8, 4, 2n);
    assert.equal(m.bus.read('io', 0xcdc, 1), 0x03n);
  });

  test('query-hotpluggable-cpus lists slots in reverse, with qom-path where plugged', () => {
    const { m } = machine('q35', '1,maxcpus=3');
    m.deviceAdd(x86(2, 'c2'));
    assert.deepEqual(m.hotpluggableCpus(), [
      { type: X86_CPU, 'vcpus-count': 1, props: { 'socket-id': 0, 'core-id': 2, 'thread-id': 0 }, 'qom-path': '/machine/peripheral/c2' },
      { type: X86_CPU, 'vcpus-count': 1, props: { 'socket-id': 0, 'core-id': 1, 'thread-id': 0 } },
      { type: X86_CPU, 'vcpus-count': 1, props: { 'socket-id': 0, 'core-id': 0, 'thread-id': 0 }, 'qom-path': '/machine/unattached/device[0]' },
    ]);
  });

  test('eject destroys the x86 vCPU: DEVICE_DELETED for its lapic, then for it', () => {
    const { m, qmp } = machine('q35', '1,maxcpus=4');
    m.deviceAdd(x86(1, 'cpu1'));
    m.deviceDel('cpu1');
    m.bus.write('io', 0xcd8, 4, 1n);
    assert.equal(m.bus.read('io', 0xcd8 + 4, 1), 0x07n, 'enabled, insert and remove pending');
    eject(m, 'io', 0xcd8, 1);
    assert.equal(m.vcpu(1), undefined);
    assert.deepEqual(qmp().map((e) => e.type === 'qmp-event' && [e.event, e.data]), [
      ['DEVICE_DELETED', { path: '/machine/peripheral/cpu1/lapic' }],
      ['DEVICE_DELETED', { device: 'cpu1', path: '/machine/peripheral/cpu1' }],
    ]);
    assert.throws(() => m.deviceDel('cpu1'), { name: 'DeviceError', errorClass: 'DeviceNotFound', message: "Device 'cpu1' not found" } as object);
    m.deviceAdd(x86(1, 'cpu1'));
  });

  test('the boot CPU cannot be unplugged by request or by eject', () => {
    const { m } = machine('q35', '1,maxcpus=4');
    assert.throws(() => m.deviceDel('/machine/unattached/device[0]'), { message: 'Boot CPU is unpluggable' });
    eject(m, 'io', 0xcd8, 0);
    assert.ok(m.vcpu(0)?.enabled);
  });
});

describe('pc-q35-7.2 starts in legacy mode', () => {
  test('device_del is refused until the guest switches to the modern block', () => {
    const { m } = machine('pc-q35-7.2', '1,maxcpus=4');
    m.deviceAdd(x86(1, 'cpu1'));
    assert.equal(m.bus.read('io', 0xcd8, 1), 0x03n, 'legacy present bitmap');
    assert.throws(() => m.deviceDel('cpu1'), { message: 'acpi: device unplug request for not supported device type: qemu64-x86_64-cpu' });
    m.bus.write('io', 0xcd8, 4, 0n); // PRES._INI
    assert.equal(m.controller.mode, 'modern');
    assert.equal(m.bus.read('io', 0xcd8 + 16, 1), 0xffn, 'the 32-byte legacy window is gone');
    m.deviceDel('cpu1');
  });
});

describe('arm64 virt keeps every vCPU object', () => {
  test('unplug disables the vCPU but the object and its slot stay', () => {
    const { m, qmp } = machine('virt', '1,maxcpus=4');
    const before = m.vcpu(2);
    assert.ok(before && !before.enabled, 'created at boot, disabled');
    m.deviceAdd(arm(2, 'c2'));
    assert.equal(m.vcpu(2), before, 'the same object is enabled');
    m.deviceDel('c2');
    eject(m, 'mmio', 0x090c0000, 2);
    assert.equal(m.vcpu(2), before);
    assert.equal(m.vcpu(2)?.enabled, false);
    assert.deepEqual(qmp().map((e) => e.type === 'qmp-event' && e.event), ['DEVICE_DELETED']);
    // Re-plug reuses the slot.
    m.deviceAdd(arm(2, 'c2'));
    assert.equal(m.vcpu(2)?.enabled, true);
  });

  test('a cold-booted vCPU cannot be unplugged, as in the arm64 RFC; a hot-plugged one can', () => {
    const { m } = machine('virt', '2,maxcpus=4');
    for (const path of ['/machine/unattached/device[0]', '/machine/unattached/device[1]']) {
      assert.throws(() => m.deviceDel(path), { name: 'DeviceError', message: 'Hot-unplug of cold-booted CPU not supported!' });
    }
    m.deviceAdd(arm(2, 'c2'));
    m.deviceDel('c2');
    assert.equal(m.controller.slot(2).removing, true);
  });

  test('hot-add raises GED event 0x8, read-and-clear', () => {
    const { m, events } = machine('virt', '1,maxcpus=4');
    m.deviceAdd(arm(1));
    assert.deepEqual(events.filter((e) => e.type === 'irq').map((e) => e.type === 'irq' && e.level), [true, false]);
    assert.equal(m.bus.read('mmio', 0x09080000, 4), 0x8n);
    assert.equal(m.bus.read('mmio', 0x09080000, 4), 0n);
  });

  test('arm64 device_add takes a missing topology id as 0 and checks every id from the thread up, as the RFC', () => {
    const { m } = machine('virt', '2,maxcpus=8,clusters=2');
    // No cluster-id: cluster 0, whose core 1 is cold-booted.
    assert.throws(() => m.deviceAdd({ driver: ARM_CPU, 'socket-id': 0, 'core-id': 1, 'thread-id': 0 }), { message: 'cpu(id1=0:0:1:0) with arch-id 1 exist' });
    assert.throws(() => m.deviceAdd({ ...arm(1), 'cluster-id': 2, 'thread-id': -1 }), { message: 'Invalid thread-id -1 specified, correct range 0:0' });
    assert.throws(() => m.deviceAdd({ ...arm(1), 'cluster-id': 2 }), { message: 'Invalid cluster-id 2 specified, correct range 0:1' });
    assert.throws(() => m.deviceAdd({ ...arm(1), 'die-id': 0 }), { message: "Property 'max-arm-cpu.die-id' not found" });
    m.deviceAdd({ ...arm(1), 'cluster-id': 1 });
  });
});
