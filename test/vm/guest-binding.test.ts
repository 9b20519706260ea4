// attachGuest: what wires a guest to a machine, and what moveTo changes (only the machine).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAcpiTables, createMachineConfig, findMachineType, Machine } from '../../src/machine/index.ts';
import { attachGuest } from '../../src/vm/guest-binding.ts';
import { add, cpuProps, makeRig, migrate } from './rig.ts';
import { type } from './migration-story.ts';

test('the guest reads its tables from memory and reaches the machine through the bus', () => {
  const rig = makeRig('q35', '1,maxcpus=4');
  let accesses = 0;
  rig.machine.observe((e) => {
    if (e.type === 'bus' && e.access.device === 'acpi-cpu-hotplug') accesses++;
  });
  rig.guest.processorStatus('\\_SB.CPUS.C001');
  assert.equal(accesses, 2, 'CSTA: select the slot, read its flags');
});

test('after moveTo, loads, stores and interrupts are the destination\'s only', () => {
  const rig = makeRig('virt', '1,maxcpus=4');
  const source = rig.machine;
  const destination = migrate(rig, type('virt'));
  assert.equal(rig.machine, destination);
  let sourceAccesses = 0;
  source.observe((e) => {
    if (e.type === 'bus') sourceAccesses++;
  });
  // An event on the old machine no longer reaches the guest...
  source.deviceAdd(cpuProps(rig.config, 1));
  assert.equal(rig.guest.busy, false);
  // ...one on the new machine does, and the guest's accesses go there.
  add(rig, 2);
  assert.equal(rig.guest.busy, true);
  rig.guest.runUntilIdle();
  assert.equal(sourceAccesses, 0);
  assert.equal(destination.cpusFast().length, 2);
  assert.equal(rig.guest.cpus().filter((c) => c.online).length, 2);
});

test('detach stops interrupts', () => {
  const config = createMachineConfig(findMachineType('q35'), '1,maxcpus=4');
  const machine = new Machine(config);
  const attached = attachGuest(machine, buildAcpiTables(config));
  attached.guest.boot();
  attached.detach();
  machine.deviceAdd(cpuProps(config, 1));
  assert.equal(attached.guest.busy, false);
  assert.equal(attached.machine, machine);
});
