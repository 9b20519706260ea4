// Issue 10: migration the QEMU way, over QMP, on in-process VMs (vm-server.ts) so
// that the VMM's slots and the guest can be compared. Wording checked against QEMU
// 10.0 (qemu-system-x86_64 over QMP, file: migration):
// - migrate-incoming without -incoming: "'-incoming' was not specified on the
//   command line", and nothing changes (before the fix the state was loaded under
//   the running guest, which then disagreed with the VMM);
// - a VM started with -incoming defer is 'inmigrate' until migrate-incoming;
//   migrate is refused there ("Guest is waiting for an incoming migration");
// - migrate answers {}, then the source stops (STOP) and ends 'postmigrate';
//   query-migrate says 'completed', or 'failed' with error-desc; a second migrate
//   is refused until cont;
// - file I/O never blocks the VM: a FIFO or a device is refused at once, a file
//   that is not a state is refused after its 20-byte header.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { MAX_MACHINE_STATE_BYTES } from '../../src/machine/machine-state.ts';
import { QmpTestClient, type QmpMessage } from './qmp-client.ts';
import { serveVm, type ServedVm } from './vm-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'cpuhp-migrate-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const CPU = 'qemu64-x86_64-cpu';
const add = (core: number) => ({ driver: CPU, id: `cpu${core}`, 'socket-id': 0, 'core-id': core, 'thread-id': 0 });
const errorOf = (r: QmpMessage) => (r['error'] as { desc?: string } | undefined)?.desc;

/** query-migrate until its status is not 'setup' or 'active'. */
async function settled(c: QmpTestClient): Promise<QmpMessage> {
  for (;;) {
    const r = (await c.execute('query-migrate'))['return'] as QmpMessage;
    if (r['status'] !== 'setup' && r['status'] !== 'active') return r;
    await new Promise((res) => setImmediate(res));
  }
}

async function served(opts: Parameters<typeof serveVm>[2] = {}): Promise<{ s: ServedVm; c: QmpTestClient }> {
  const s = await serveVm('q35', '1,maxcpus=4', opts);
  const c = await QmpTestClient.negotiated(s.path);
  return { s, c };
}

async function done(...vms: { s: ServedVm; c: QmpTestClient }[]): Promise<void> {
  for (const { s, c } of vms) {
    c.close();
    await s.close();
  }
}

/** A state saved from a q35 VM with cpu2 plugged and onlined by its guest. */
async function savedState(name: string): Promise<string> {
  const src = await served();
  const file = join(dir, name);
  assert.deepEqual(await src.c.execute('device_add', add(2)), { return: {} });
  await src.s.settle();
  assert.deepEqual(await src.c.execute('migrate', { uri: `file:${file}` }), { return: {} });
  assert.equal((await settled(src.c))['status'], 'completed');
  await done(src);
  return file;
}

describe('migration over QMP (issue 10)', { timeout: 60_000 }, () => {
  test("migrate-incoming on a VM started without -incoming is refused with QEMU's error and changes nothing", async () => {
    const file = await savedState('refused.state');
    const { s, c } = await served();
    const before = s.vm.machine;
    const r = await c.execute('migrate-incoming', { uri: `file:${file}` });
    assert.equal(errorOf(r), "'-incoming' was not specified on the command line");
    assert.equal(s.vm.machine, before, 'the machine is the one the guest booted on');
    assert.equal(s.vm.machine.vcpu(2), undefined);
    assert.deepEqual((await c.execute('query-migrate'))['return'], {});
    await done({ s, c });
  });

  test('the source: {} then STOP, postmigrate, completed; a second migrate is refused until cont', async () => {
    const { s, c } = await served();
    await s.settle();
    const file = join(dir, 'source.state');
    const mark = c.events.length;
    assert.deepEqual(await c.execute('migrate', { uri: `file:${file}` }), { return: {} });
    assert.deepEqual(await settled(c), { status: 'completed' });
    await c.waitForEvent((e) => e['event'] === 'STOP', undefined, mark);
    assert.deepEqual((await c.execute('query-status'))['return'], { status: 'postmigrate', running: false });
    assert.equal(errorOf(await c.execute('migrate', { uri: `file:${file}.2` })), "Can't migrate the vm that was paused due to previous migration");
    assert.deepEqual(await c.execute('cont'), { return: {} });
    assert.deepEqual((await c.execute('query-status'))['return'], { status: 'running', running: true });
    await done({ s, c });
  });

  test('the destination: inmigrate until migrate-incoming, then the source\'s vCPUs, running, its guest agreeing', async () => {
    const file = await savedState('dest.state');
    const { s, c } = await served({ incoming: true });
    assert.deepEqual((await c.execute('query-status'))['return'], { status: 'inmigrate', running: false });
    assert.equal(errorOf(await c.execute('migrate', { uri: `file:${file}.x` })), 'Guest is waiting for an incoming migration');
    const mark = c.events.length;
    assert.deepEqual(await c.execute('migrate-incoming', { uri: `file:${file}` }), { return: {} });
    assert.deepEqual(await settled(c), { status: 'completed' });
    await c.waitForEvent((e) => e['event'] === 'RESUME', undefined, mark);
    assert.deepEqual((await c.execute('query-status'))['return'], { status: 'running', running: true });
    assert.equal(s.vm.machine.vcpu(2)?.id, 'cpu2');
    await s.settle();
    const online = s.vm.guest!.cpus().filter((cpu) => cpu.online).map((cpu) => cpu.hwId);
    assert.deepEqual(online, [0, 2], 'the guest runs the CPUs the VMM has');
    assert.equal(errorOf(await c.execute('migrate-incoming', { uri: `file:${file}` })), 'The incoming migration has already been started');
    await done({ s, c });
  });

  test('-S or stop during inmigrate: paused after the load; cont boots the guest', async () => {
    const file = await savedState('paused.state');
    const { s, c } = await served({ incoming: true, startPaused: true });
    assert.deepEqual(await c.execute('migrate-incoming', { uri: `file:${file}` }), { return: {} });
    assert.deepEqual(await settled(c), { status: 'completed' });
    assert.deepEqual((await c.execute('query-status'))['return'], { status: 'paused', running: false });
    assert.equal(s.vm.guest, undefined);
    assert.deepEqual(await c.execute('cont'), { return: {} });
    await s.settle();
    assert.deepEqual(s.vm.guest!.cpus().filter((cpu) => cpu.online).map((cpu) => cpu.hwId), [0, 2]);
    await done({ s, c });
  });

  test('a state that does not fit fails the load with error-desc; the VM waits on, unchanged (exit-on-error false)', async () => {
    const other = await serveVm('q35', '1,maxcpus=4,sockets=2,cores=2');
    const oc = await QmpTestClient.negotiated(other.path);
    const file = join(dir, 'other-topology.state');
    assert.deepEqual(await oc.execute('migrate', { uri: `file:${file}` }), { return: {} });
    assert.equal((await settled(oc))['status'], 'completed');
    await done({ s: other, c: oc });

    const { s, c } = await served({ incoming: true });
    const before = s.vm.machine;
    assert.deepEqual(await c.execute('migrate-incoming', { uri: `file:${file}`, 'exit-on-error': false }), { return: {} });
    const r = await settled(c);
    assert.equal(r['status'], 'failed');
    assert.match(String(r['error-desc']), /^load of migration failed: cannot load the state of a machine with topology .*sockets=2.* into one with .*sockets=1/);
    assert.equal(s.vm.machine, before);
    assert.deepEqual((await c.execute('query-status'))['return'], { status: 'inmigrate', running: false });
    await done({ s, c });
  });

  test('a FIFO, a device or a missing directory is refused at once; the VM answers throughout', async () => {
    const { s, c } = await served();
    const fifo = join(dir, 'fifo');
    const made = spawnSync('mkfifo', [fifo]);
    assert.equal(made.status, 0, 'mkfifo');
    // Without a reader, and with one: either way no write that could block.
    assert.match(String(errorOf(await c.execute('migrate', { uri: `file:${fifo}` }))), new RegExp(`^Could not create '${fifo}': `));
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      assert.equal(errorOf(await c.execute('migrate', { uri: `file:${fifo}` })), `Could not create '${fifo}': not a regular file`);
    } finally {
      closeSync(reader);
    }
    assert.equal(errorOf(await c.execute('migrate', { uri: 'file:/nonexistent/dir/x' })), "Could not create '/nonexistent/dir/x': No such file or directory");
    assert.deepEqual((await c.execute('query-migrate'))['return'], { status: 'failed', 'error-desc': "Could not create '/nonexistent/dir/x': No such file or directory" });
    assert.deepEqual((await c.execute('query-status'))['return'], { status: 'running', running: true });
    await done({ s, c });

    const d = await served({ incoming: true });
    assert.equal(errorOf(await d.c.execute('migrate-incoming', { uri: 'file:/dev/zero' })), "Could not open '/dev/zero': not a regular file");
    assert.equal(errorOf(await d.c.execute('migrate-incoming', { uri: `file:${fifo}` })), `Could not open '${fifo}': not a regular file`);
    assert.equal(errorOf(await d.c.execute('migrate-incoming', { uri: 'file:/nonexistent' })), "Could not open '/nonexistent': No such file or directory");
    assert.equal(errorOf(await d.c.execute('migrate-incoming', { uri: 'tcp:1.2.3.4:5' })), "cpuhp migrates only to and from file:PATH, not 'tcp:1.2.3.4:5'");
    assert.equal(errorOf(await d.c.execute('migrate-incoming', { uri: 'foo:bar' })), 'unknown migration protocol: foo:bar');
    await done(d);
  });

  test('a huge file that is not a state is refused after its header, without reading it', async () => {
    // 64 GB, sparse: reading it all (the old loader) would take minutes and all memory.
    const huge = join(dir, 'huge.bin');
    writeFileSync(huge, '');
    truncateSync(huge, 64 * 2 ** 30);
    const big = join(dir, 'big-claim.state');
    // A good magic and version, but a length past the bound.
    const header = Buffer.alloc(20);
    header.write('CPUHPVM\0', 0, 'latin1');
    header.writeUInt32BE(2, 8);
    header.writeUInt32BE(MAX_MACHINE_STATE_BYTES, 12);
    writeFileSync(big, header);
    truncateSync(big, MAX_MACHINE_STATE_BYTES * 4);
    for (const [file, why] of [[huge, /bad magic/], [big, /more than the 16777216-byte limit/]] as const) {
      const d = await served({ incoming: true });
      assert.deepEqual(await d.c.execute('migrate-incoming', { uri: `file:${file}`, 'exit-on-error': false }), { return: {} });
      const r = await settled(d.c);
      assert.equal(r['status'], 'failed');
      assert.match(String(r['error-desc']), why);
      await done(d);
    }
  });
});
