// When the guest says no, as Linux does (guest-and-peers.md §2.3): it cannot offline
// the boot CPU, the processor hot-plug profile is off, or nothing onlines new CPUs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CpuHotplugError } from '../../src/hotplug/index.ts';
import { DeviceError } from '../../src/topology/errors.ts';
import { add, cpuPath, del, makeRig, ospmSequence, qmpSequence, timelineMark, type Rig } from '../vm/rig.ts';

const logs = (rig: Rig, from: number) =>
  rig.timeline.slice(from).flatMap((t) => (t.side === 'guest' && t.e.type === 'log' ? [t.e.text] : []));

describe('an Eject Request for the boot CPU', () => {
  for (const machine of ['q35', 'virt']) {
    test(`${machine}: the VMM refuses device_del; forced from the AML, the guest answers 0x84 then 0x82`, () => {
      const rig = makeRig(machine, '1,maxcpus=4');
      const boot = rig.machine.vcpu(0)!;
      // arm64 refuses every cold-booted vCPU first, in the RFC's words.
      const refusal = machine === 'virt' ? 'Hot-unplug of cold-booted CPU not supported!' : 'Boot CPU is unpluggable';
      assert.throws(() => rig.machine.deviceDel(boot.qomPath), (e: unknown) => e instanceof DeviceError && e.message === refusal);
      assert.throws(() => rig.machine.controller.unplugRequest(0), (e: unknown) => e instanceof CpuHotplugError && e.code === 'boot-cpu');

      // What no VMM sends: Notify(C000, 3), through the AML's own CTFY.
      const mark = timelineMark(rig);
      rig.guest.evaluate('\\_SB.CPUS.CTFY', [0, 3]);
      rig.guest.runUntilIdle();
      assert.deepEqual(ospmSequence(rig, cpuPath(0), mark), ['_OST(3,0x84)', '_OST(3,0x82)'], 'in progress, then device busy; no _EJ0');
      assert.deepEqual(qmpSequence(rig, 0, boot.qomPath, mark), ['OST(3,0x84)', 'OST(3,0x82)']);
      assert.ok(logs(rig, mark).some((l) => /C000: Offline failed/.test(l)));
      assert.equal(rig.machine.vcpu(0)?.enabled, true, 'the vCPU stays plugged');
      assert.equal(rig.guest.cpus()[0]?.online, true, 'and online in the guest');
      assert.equal(rig.guest.processorStatus(cpuPath(0)), 0x0f);
    });
  }
});

describe('processor hot-plug disabled (/sys/firmware/acpi/hotplug/processor/enabled = 0)', () => {
  for (const machine of ['q35', 'virt']) {
    test(`${machine}: hot-add still works; an Eject Request gets _OST(3, 0x80) alone and the vCPU stays`, () => {
      const rig = makeRig(machine, '1,maxcpus=4', { processorHotplug: false });
      add(rig, 2);
      rig.guest.runUntilIdle();
      assert.equal(rig.guest.cpus().find((c) => c.hwId === rig.config.cpus[2]!.archId)?.online, true);

      const mark = timelineMark(rig);
      del(rig, 2);
      rig.guest.runUntilIdle();
      assert.deepEqual(ospmSequence(rig, cpuPath(2), mark), ['_OST(3,0x80)'], 'no 0x84, no _EJ0');
      assert.deepEqual(qmpSequence(rig, 2, '/machine/peripheral/cpu2', mark), ['OST(3,0x80) cpu2']);
      assert.ok(logs(rig, mark).some((l) => /C002: Eject disabled/.test(l)));
      assert.equal(rig.machine.vcpu(2)?.enabled, true, 'the vCPU stays plugged');
      assert.equal(rig.machine.controller.slot(2).removing, false, 'the request was consumed by CSCN');
      assert.equal(rig.guest.cpus().find((c) => c.hwId === rig.config.cpus[2]!.archId)?.online, true);
    });
  }
});

describe('autoOnline false (no udev rule onlines hot-added CPUs)', () => {
  for (const machine of ['q35', 'virt']) {
    test(`${machine}: the CPU is registered but stays offline until userspace onlines it`, () => {
      const rig = makeRig(machine, '1,maxcpus=4', { autoOnline: false });
      const mark = timelineMark(rig);
      add(rig, 3);
      rig.guest.runUntilIdle();
      const cpu = rig.guest.cpus().find((c) => c.hwId === rig.config.cpus[3]!.archId)!;
      assert.deepEqual([cpu.present, cpu.registered, cpu.online], [true, true, false]);
      assert.deepEqual(ospmSequence(rig, cpuPath(3), mark), ['_OST(1,0x0)'], 'the hot-add itself succeeded');
      assert.ok(logs(rig, mark).some((l) => /has been hot-added/.test(l)));
      assert.ok(!logs(rig, mark).some((l) => /Booting Node|Booted secondary/.test(l)), 'nothing booted it');

      assert.equal(rig.guest.setOnline(cpu.cpu, true), true);
      assert.equal(rig.guest.cpus().find((c) => c.cpu === cpu.cpu)?.online, true);

      // An offline CPU is ejected without an offline step.
      assert.equal(rig.guest.setOnline(cpu.cpu, false), true);
      const mark2 = timelineMark(rig);
      del(rig, 3);
      rig.guest.runUntilIdle();
      assert.deepEqual(ospmSequence(rig, cpuPath(3), mark2), ['_OST(3,0x84)', '_EJ0', '_OST(3,0x0)']);
      assert.equal(rig.machine.cpusFast().length, 1);
    });
  }
});
