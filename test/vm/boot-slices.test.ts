// Booting a guest with thousands of processors never holds the event loop for the
// whole boot: the guest's ACPI init is a queue of bounded steps (Guest.beginBoot:
// the DSDT loaded LOAD_STEP_STATEMENTS statements at a time, _STA/_INI run for
// INIT_STEP_DEVICES devices at a time, BOOT_CHUNK namespace objects per step after)
// and the VM runs them in slices between QMP turns. Counted in steps and in
// replies, not in time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BOOT_CHUNK } from '../../src/guest/guest.ts';
import { INIT_STEP_DEVICES } from '../../src/aml/interp/interpreter.ts';
import { LOAD_STEP_STATEMENTS } from '../../src/aml/interp/loader.ts';
import { QmpTestClient } from '../qmp/qmp-client.ts';
import { serveVm } from '../qmp/vm-server.ts';
import { makeRig } from './rig.ts';

test('a guest boots in bounded steps: its tables, its _STA/_INI walk and its processors', () => {
  const cpus = 512;
  const rig = makeRig('q35', `1,maxcpus=${cpus}`, { boot: false });
  rig.guest.beginBoot();
  let steps = 0;
  let brought = -1;
  rig.guest.on((e) => {
    if (e.type === 'log' && e.text.startsWith('smp: Brought up')) brought = steps;
  });
  while (rig.guest.step()) steps++;
  // The DSDT (a Device and at least 5 objects in it per processor), the _STA
  // walk over the processors, then three passes over them (find, enumerate,
  // event devices), each in chunks.
  const least = (6 * cpus) / LOAD_STEP_STATEMENTS + cpus / INIT_STEP_DEVICES + (3 * cpus) / BOOT_CHUNK;
  assert.ok(steps >= least, `${steps} steps, expected at least ${least}`);
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
