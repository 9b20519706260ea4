// Booting a guest with thousands of processors never holds the event loop for the
// whole boot: the guest's ACPI init is a queue of bounded steps (Guest.beginBoot,
// BOOT_CHUNK namespace objects per step) and the VM runs them in slices between
// QMP turns. Counted in steps and in replies, not in time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BOOT_CHUNK } from '../../src/guest/guest.ts';
import { QmpTestClient } from '../qmp/qmp-client.ts';
import { serveVm } from '../qmp/vm-server.ts';
import { makeRig } from './rig.ts';

test('a guest boots in steps of at most BOOT_CHUNK namespace objects', () => {
  const cpus = 512;
  const rig = makeRig('q35', `1,maxcpus=${cpus}`, { boot: false });
  rig.guest.beginBoot();
  let steps = 0;
  let brought = -1;
  rig.guest.on((e) => {
    if (e.type === 'log' && e.text.startsWith('smp: Brought up')) brought = steps;
  });
  while (rig.guest.step()) steps++;
  // Three passes over the processors (find, enumerate, event devices), each in chunks.
  assert.ok(steps >= (3 * cpus) / BOOT_CHUNK, `${steps} steps`);
  assert.equal(brought, steps - 1, 'the boot ends with its last step');
  assert.throws(() => rig.guest.beginBoot(), /already booted/);
});

test('the same boot, in steps or at once, gives the same log and CPUs', () => {
  const whole = makeRig('q35', '1,maxcpus=64');
  const stepped = makeRig('q35', '1,maxcpus=64', { boot: false });
  stepped.guest.beginBoot();
  while (stepped.guest.step()) { /* boot */ }
  const log = (r: typeof whole) => r.timeline.filter((e) => e.side === 'guest').map((e) => JSON.stringify(e.e));
  assert.deepEqual(log(stepped), log(whole));
  assert.deepEqual(stepped.guest.cpus(), whole.guest.cpus());
});

test('QMP is answered while a 2048-CPU guest boots', async () => {
  const served = await serveVm('q35', '1,maxcpus=2048', { startPaused: true });
  try {
    const order: string[] = [];
    served.vm.on((e) => {
      if (e.type === 'guest' && e.event.type === 'log' && e.event.text.startsWith('smp: Brought up')) order.push('booted');
    }, { trace: false });
    const c = await QmpTestClient.negotiated(served.path);
    const queries = 16;
    // cont boots the guest; the queries behind it are answered between its slices.
    const replies = [c.next('cont'), ...Array.from({ length: queries }, (_, i) => c.next(`query-status ${i}`).then((r) => (order.push('reply'), r)))];
    c.write(`{"execute":"cont"}\n${'{"execute":"query-status"}\n'.repeat(queries)}`);
    await Promise.all(replies);
    await served.settle();
    assert.equal(order.filter((o) => o === 'reply').length, queries);
    assert.ok(order.indexOf('reply') < order.indexOf('booted'), `answered before the boot ended: ${order.join(' ')}`);
    c.close();
  } finally {
    await served.close();
  }
});
