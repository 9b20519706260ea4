// While the host has requests in hand (Vm.hostBusy: the QMP server's clients with
// input), the guest's next slice waits for them, at most GUEST_DEFER_TURNS
// event-loop turns, so a burst of device_adds reaches one guest scan instead of
// one scan every few adds; counted in turns, not time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { GUEST_DEFER_TURNS, Vm } from '../../src/vm/vm.ts';

const nextTurn = () => new Promise((r) => setImmediate(r));

/** Turns until the guest has onlined the CPU plugged as c1 (ACPI_DEVICE_OST source 1 status 0). */
async function turnsToOnline(hostBusy: () => boolean): Promise<number> {
  const vm = new Vm(createMachineConfig(findMachineType('q35'), '1,maxcpus=4'), { startPaused: false, guest: { autoOnline: true }, onQuit: () => {} });
  let online = false;
  vm.on((e) => {
    const info = e.type === 'qmp-event' && e.event === 'ACPI_DEVICE_OST' ? (e.data?.['info'] as { source: number; status: number }) : undefined;
    if (info?.source === 1 && info.status === 0) online = true;
  }, { trace: false });
  vm.start();
  vm.runGuest();
  vm.hostBusy = hostBusy;
  vm.machine.deviceAdd({ driver: 'qemu64-x86_64-cpu', 'socket-id': 0, 'core-id': 1, 'thread-id': 0, id: 'c1' });
  let turns = 0;
  while (!online && turns < 10 * GUEST_DEFER_TURNS) {
    await nextTurn();
    turns++;
  }
  vm.halt();
  assert.ok(online, 'the CPU came online');
  return turns;
}

test('an idle host lets the guest take its interrupt at once', async () => {
  assert.ok((await turnsToOnline(() => false)) <= 2);
});

test('a host that stays busy delays the guest by GUEST_DEFER_TURNS turns, no more', async () => {
  const turns = await turnsToOnline(() => true);
  assert.ok(turns > GUEST_DEFER_TURNS && turns <= GUEST_DEFER_TURNS + 2, `${turns} turns`);
});

test('the guest runs in the first turn after the host has caught up', async () => {
  let busyTurns = 5;
  const turns = await turnsToOnline(() => busyTurns-- > 0);
  assert.ok(turns > 5 && turns <= 7, `${turns} turns`);
});
