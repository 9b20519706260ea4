// Issue 10: one client cannot stall the others or grow the VM's memory without
// bound (src/qmp/server.ts: MESSAGES_PER_TURN, OUTPUT_PAUSE_BYTES,
// OUTPUT_MAX_BYTES). Measured in work, not time: the VM handed to the server
// records which client's command it is answering, so "B waited behind A" is a
// count of A's commands, whatever the machine's load.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { MESSAGES_PER_TURN, OUTPUT_MAX_BYTES, OUTPUT_PAUSE_BYTES, QmpServer } from '../../src/qmp/server.ts';
import { Vm } from '../../src/vm/vm.ts';
import { Rng } from '../support/prng.ts';
import { QmpTestClient } from './qmp-client.ts';

const dir = mkdtempSync(join(tmpdir(), 'cpuhp-fair-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A VM whose answers are logged: 'A' for query-name (vm.name), 'B' for query-status (vm.status). */
function loggedVm(log: string[]): Vm {
  const vm = new Vm(createMachineConfig(findMachineType('q35'), '1,maxcpus=288'), { startPaused: true, guest: false, onQuit: () => {} });
  return new Proxy(vm, {
    get(target, key, receiver) {
      if (key === 'name') log.push('A');
      if (key === 'status') log.push('B');
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/** Polls `done` once per event-loop turn (setImmediate), up to `turns` turns. */
async function turnsUntil(done: () => boolean, turns = 200_000): Promise<boolean> {
  for (let i = 0; i < turns; i++) {
    if (done()) return true;
    await new Promise((r) => setImmediate(r));
  }
  return done();
}

describe('QMP fairness and memory bounds (issue 10)', { timeout: 120_000 }, () => {
  const log: string[] = [];
  let server: QmpServer;
  const path = join(dir, 'fair.qmp');
  before(async () => {
    server = new QmpServer(loggedVm(log), { kind: 'unix', path });
    await server.listen();
  });
  after(() => server.close());

  test(`a flood of commands from one client delays another by at most a few turns of ${MESSAGES_PER_TURN}`, async () => {
    const a = await QmpTestClient.negotiated(path, { label: 'A' });
    const b = await QmpTestClient.negotiated(path, { label: 'B' });
    try {
      const flood = 20_000;
      a.write('{"execute":"query-name"}\n'.repeat(flood));
      // B asks once A is being answered.
      assert.ok(await turnsUntil(() => log.length > 0), 'A is being answered');
      const mark = log.length;
      log.push('B asks');
      assert.ok('return' in (await b.execute('query-status')));
      const answered = log.slice(mark).indexOf('B');
      const aBefore = log.slice(mark, mark + answered).filter((x) => x === 'A').length;
      // Before the fix a whole 64 KiB chunk of A's (about 2,700 commands) was answered first.
      assert.ok(aBefore <= 8 * MESSAGES_PER_TURN, `B waited behind ${aBefore} of A's commands`);
      assert.ok(await turnsUntil(() => log.filter((x) => x === 'A').length >= flood), 'A is answered in full too');
    } finally {
      a.close();
      b.close();
      log.length = 0;
    }
  });

  test('10 MB of random bytes on one connection: every other client stays served', async () => {
    const a = await QmpTestClient.negotiated(path, { label: 'random' });
    const b = await QmpTestClient.negotiated(path, { label: 'B' });
    try {
      const rng = new Rng(0x10_0b17e5);
      const junk = Buffer.alloc(10 << 20);
      for (let i = 0; i < junk.length; i += 4) junk.writeUInt32LE(rng.u32(), i);
      a.write(junk);
      assert.ok(await turnsUntil(() => a.log.length > 0), 'the junk is being answered');
      const mark = a.log.length;
      for (let i = 0; i < 20; i++) assert.ok('return' in (await b.execute('query-status')));
      // Twenty round trips of B's cost A at most a few turns each (each error of A's is one message).
      const aMeanwhile = a.log.length - mark;
      assert.ok(aMeanwhile < 20 * 16 * MESSAGES_PER_TURN, `A got ${aMeanwhile} replies while B made 20 round trips`);
      const stats = server.stats();
      assert.ok(Math.max(...stats.queuedOutput) < OUTPUT_PAUSE_BYTES + (1 << 20), JSON.stringify(stats.queuedOutput));
    } finally {
      a.close();
      b.close();
      log.length = 0;
    }
  });

  test('a client that never reads: its input stops being read and its queued output stays bounded', async () => {
    const a = await QmpTestClient.open(path, { label: 'deaf' });
    const b = await QmpTestClient.negotiated(path, { label: 'B' });
    try {
      // Never read: the kernel buffers fill, then the server's.
      a.pauseReading();
      a.write('{"execute":"qmp_capabilities"}\n');
      // Each reply is ~40 KB (288 slots): 4,000 of them would be 160 MB.
      const big = '{"execute":"query-hotpluggable-cpus"}\n';
      for (let i = 0; i < 4_000; i++) a.write(big);
      // However long we wait, the server stops reading A: A's own send buffer stays full.
      for (let i = 0; i < 50; i++) await b.execute('query-status');
      assert.ok(a.queuedToSend > 0, 'the server no longer reads a client that does not read its replies');
      const queued = Math.max(...server.stats().queuedOutput);
      assert.ok(queued <= OUTPUT_PAUSE_BYTES + (1 << 20), `the server holds ${queued} bytes for it`);
      assert.ok('return' in (await b.execute('query-status')), 'everyone else is served');
    } finally {
      a.close();
      b.close();
      log.length = 0;
    }
  });

  test(`a client that never reads its events is disconnected past ${OUTPUT_MAX_BYTES} bytes`, async () => {
    const a = await QmpTestClient.negotiated(path, { label: 'deaf to events' });
    const before = server.stats().clients;
    try {
      a.pauseReading();
      const data = { pad: 'x'.repeat(1000) };
      // Up to 8 times the bound in events: the server must have let go of it long before.
      for (let sent = 0; sent < (8 * OUTPUT_MAX_BYTES) / 1000 && server.stats().clients === before; sent++) {
        server.event('DEVICE_DELETED', data);
        if (sent % 256 === 0) await new Promise((r) => setImmediate(r));
      }
      assert.equal(server.stats().clients, before - 1, 'the client was disconnected');
      assert.ok(Math.max(0, ...server.stats().queuedOutput) <= OUTPUT_MAX_BYTES);
    } finally {
      a.close();
    }
  });
});
