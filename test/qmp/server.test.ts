// The QMP server (src/qmp/server.ts) on its own: where it listens and with which
// permissions, what it leaves behind, how it stamps and fans out events, and
// the -qmp syntax it parses.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseQmpEndpoint, QmpServer } from '../../src/qmp/server.ts';
import { QmpTestClient } from './qmp-client.ts';
import { serveVm } from './vm-server.ts';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { Vm } from '../../src/vm/vm.ts';

const dir = mkdtempSync(join(tmpdir(), 'cpuhp-server-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const pausedVm = () =>
  new Vm(createMachineConfig(findMachineType('q35'), '1,maxcpus=2'), { startPaused: true, guest: false, onQuit: () => {} });

describe('QmpServer', () => {
  test('a unix socket: mode 0600, greeting, removed on close', async () => {
    const path = join(dir, 'a.qmp');
    const server = new QmpServer(pausedVm(), { kind: 'unix', path });
    assert.equal(await server.listen(), `unix:${path}`);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const c = await QmpTestClient.connect(path);
    assert.deepEqual((c.greeting['QMP'] as { capabilities: string[] }).capabilities, ['oob']);
    await server.close();
    await c.closed; // clients are disconnected
    assert.equal(existsSync(path), false);
  });

  test('a stale socket from an earlier run is replaced; any other file is left alone', async () => {
    // A socket file whose server died (SIGKILL leaves it behind), as after a crash.
    const stale = join(dir, 'stale.qmp');
    spawnSync(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(stale)}, () => process.kill(process.pid, 'SIGKILL'))`], { timeout: 10_000 });
    assert.ok(statSync(stale).isSocket(), 'a stale socket is there');
    const server = new QmpServer(pausedVm(), { kind: 'unix', path: stale });
    assert.equal(await server.listen(), `unix:${stale}`);
    await server.close();

    const file = join(dir, 'not-a-socket');
    writeFileSync(file, 'precious');
    const refused = new QmpServer(pausedVm(), { kind: 'unix', path: file });
    await assert.rejects(refused.listen(), /EADDRINUSE/);
    assert.equal(readFileSync(file, 'utf8'), 'precious');
  });

  test('TCP port 0: the reply names the port really bound', async () => {
    const server = new QmpServer(pausedVm(), { kind: 'tcp', host: '127.0.0.1', port: 0 });
    const where = await server.listen();
    const port = Number(/^tcp:127\.0\.0\.1:(\d+)$/.exec(where)?.[1]);
    assert.ok(port > 0, where);
    const c = await QmpTestClient.negotiated({ host: '127.0.0.1', port });
    assert.deepEqual((await c.execute('query-status'))['return'], { status: 'prelaunch', running: false });
    c.close();
    await server.close();
  });

  test('events: stamped, in order with replies, to negotiated clients only', async () => {
    const s = await serveVm('q35', '1,maxcpus=2', { startPaused: true });
    try {
      const a = await QmpTestClient.negotiated(s.path, { label: 'a' });
      const b = await QmpTestClient.connect(s.path, { label: 'b (not negotiated)' });
      await a.exchangeAll(''); // past the negotiation's reply
      const before = Date.now();
      const log = await a.exchangeAll('{"execute":"cont"}{"execute":"stop","id":2}');
      assert.deepEqual(
        log.map((m) => m['event'] ?? m['id'] ?? 'return'),
        ['RESUME', 'return', 'STOP', 2],
        'each event comes before the reply of the command that raised it',
      );
      for (const e of log.filter((m) => 'event' in m)) {
        const ts = e['timestamp'] as { seconds: number; microseconds: number };
        const ms = ts.seconds * 1000 + ts.microseconds / 1000;
        assert.ok(ms >= before - 1000 && ms <= Date.now() + 1000, JSON.stringify(ts));
        assert.ok(Number.isInteger(ts.microseconds) && ts.microseconds >= 0 && ts.microseconds < 1e6);
      }
      await b.exchange('');
      assert.deepEqual(b.events, [], 'no events before negotiation');
      a.close();
      b.close();
    } finally {
      await s.close();
    }
  });
});

describe('parseQmpEndpoint (-qmp)', () => {
  test('the spellings QEMU users write', () => {
    assert.deepEqual(parseQmpEndpoint('unix:/tmp/x.qmp'), { kind: 'unix', path: '/tmp/x.qmp' });
    assert.deepEqual(parseQmpEndpoint('unix:/tmp/x.qmp,server=on,wait=off'), { kind: 'unix', path: '/tmp/x.qmp' });
    assert.deepEqual(parseQmpEndpoint('unix:/tmp/x.qmp,server,nowait'), { kind: 'unix', path: '/tmp/x.qmp' });
    assert.deepEqual(parseQmpEndpoint('tcp:127.0.0.1:4444'), { kind: 'tcp', host: '127.0.0.1', port: 4444 });
    assert.deepEqual(parseQmpEndpoint('tcp::4444,server=on,wait=off'), { kind: 'tcp', host: '127.0.0.1', port: 4444 });
    assert.deepEqual(parseQmpEndpoint('tcp:0.0.0.0:0'), { kind: 'tcp', host: '0.0.0.0', port: 0 });
  });

  test('refusals name the problem', () => {
    assert.throws(() => parseQmpEndpoint('unix:'), /expected unix:PATH or tcp:HOST:PORT/);
    assert.throws(() => parseQmpEndpoint('stdio'), /expected unix:PATH or tcp:HOST:PORT/);
    assert.throws(() => parseQmpEndpoint('tcp:localhost:99999'), /out of range/);
    assert.throws(() => parseQmpEndpoint('tcp:localhost:http'), /expected/);
    assert.throws(() => parseQmpEndpoint('unix:/x,wait=on'), /option 'wait=on' is not supported/);
  });
});
