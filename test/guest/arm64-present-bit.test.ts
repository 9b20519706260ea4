// What Linux's arm64 (enabled model) guest does with a VMM that toggles Present the
// x86 way: it refuses, with "Changing CPU present bit is not supported". Built by
// giving the virt platform x86's presence policy, inside this test only.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PRESENCE_TOGGLES } from '../../src/hotplug/presence.ts';
import { buildAcpiTables } from '../../src/machine/acpi-build.ts';
import { Machine } from '../../src/machine/machine.ts';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig, type MachineConfig } from '../../src/machine/possible-cpus.ts';
import { attachGuest } from '../../src/vm/guest-binding.ts';

function virtThatTogglesPresence(smp: string) {
  const base = createMachineConfig(findMachineType('virt'), smp);
  // Such a VMM also lets a cold-booted vCPU go, as x86 does.
  const config: MachineConfig = { ...base, platform: { ...base.platform, presence: PRESENCE_TOGGLES, coldBootedUnpluggable: true } };
  const machine = new Machine(config);
  const { guest } = attachGuest(machine, buildAcpiTables(config));
  const log: string[] = [];
  guest.on((e) => {
    if (e.type === 'log') log.push(e.text);
  });
  guest.boot();
  return { machine, guest, log };
}

const arm = (core: number, id: string) => ({ driver: 'max-arm-cpu', 'socket-id': 0, 'cluster-id': 0, 'core-id': core, 'thread-id': 0, id });

describe('arm64 guest on a VMM that toggles Present', () => {
  test('a hot-added CPU that was not possible at boot is refused', () => {
    const { machine, guest, log } = virtThatTogglesPresence('1,maxcpus=4');
    machine.deviceAdd(arm(2, 'cpu2'));
    guest.runUntilIdle();
    assert.ok(log.includes('ACPI: Changing CPU present bit is not supported'), log.join('\n'));
    assert.deepEqual(guest.cpus().filter((c) => c.online).map((c) => c.cpu), [0]);
  });

  test('an eject that clears Present is reported when the CPU is unregistered', () => {
    const { machine, guest, log } = virtThatTogglesPresence('2,maxcpus=4');
    machine.deviceDel('/machine/unattached/device[1]');
    guest.runUntilIdle();
    assert.ok(log.includes('ACPI: Changing CPU present bit is not supported'), log.join('\n'));
  });

  test('the real virt platform never triggers it', () => {
    const config = createMachineConfig(findMachineType('virt'), '2,maxcpus=4');
    const machine = new Machine(config);
    const { guest } = attachGuest(machine, buildAcpiTables(config));
    const log: string[] = [];
    guest.on((e) => e.type === 'log' && log.push(e.text));
    guest.boot();
    machine.deviceAdd(arm(2, 'cpu2'));
    guest.runUntilIdle();
    machine.deviceDel('cpu2');
    guest.runUntilIdle();
    assert.ok(!log.some((l) => l.includes('present bit')), log.join('\n'));
    assert.deepEqual(guest.cpus().filter((c) => c.online).map((c) => c.cpu), [0, 1]);
  });
});
