// The server hands a client's messages of one event-loop turn to its socket in one
// write (src/qmp/server.ts send/flush), replies and events alike; counted in
// writes, not time.
import assert from 'node:assert/strict';
import { Socket } from 'node:net';
import { after, test } from 'node:test';
import { MESSAGES_PER_TURN } from '../../src/qmp/server.ts';
import { QmpTestClient } from './qmp-client.ts';
import { serveVm, type ServedVm } from './vm-server.ts';

/** Counts the server's socket writes (those that carry QMP output) while `fn` runs. */
async function countWrites(fn: () => Promise<void>): Promise<{ writes: number; messages: number }> {
  const original = Socket.prototype.write;
  let writes = 0;
  let messages = 0;
  Socket.prototype.write = function (this: Socket, chunk: unknown, ...rest: unknown[]) {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString() : '';
    if (text.endsWith('\r\n')) {
      writes++;
      messages += text.split('\r\n').length - 1;
    }
    return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof Socket.prototype.write;
  try {
    await fn();
  } finally {
    Socket.prototype.write = original;
  }
  return { writes, messages };
}

const servedVms: ServedVm[] = [];
after(() => Promise.all(servedVms.map((s) => s.close())));

test(`pipelined commands are answered ${MESSAGES_PER_TURN} a turn, each turn's replies in one write`, async () => {
  const served = await serveVm('q35', '1,maxcpus=8', { startPaused: true, guest: false });
  servedVms.push(served);
  const c = await QmpTestClient.negotiated(served.path);
  const n = 5 * MESSAGES_PER_TURN;
  const { writes, messages } = await countWrites(async () => {
    c.write('{"execute":"query-status"}\n'.repeat(n));
    for (let i = 0; i < n; i++) await c.next(`reply ${i}`);
  });
  c.close();
  assert.equal(messages, n);
  // One turn's replies per write; the input may reach the server in more than one chunk.
  assert.ok(writes >= n / MESSAGES_PER_TURN && writes <= n / MESSAGES_PER_TURN + 2, `${writes} writes for ${n} replies`);
});

test('a hot-plug that raises several events in a turn sends them in one write', async () => {
  const served = await serveVm('q35', '1,maxcpus=8');
  servedVms.push(served);
  const c = await QmpTestClient.negotiated(served.path);
  await served.settle();
  const { writes, messages } = await countWrites(async () => {
    await c.execute('device_add', { driver: 'qemu64-x86_64-cpu', 'socket-id': 0, 'core-id': 1, 'thread-id': 0, id: 'c1' });
    await served.settle();
    await c.execute('device_del', { id: 'c1' });
    await served.settle();
    await c.barrier();
  });
  c.close();
  // Two replies, ACPI_DEVICE_OST for the add, and for the remove the _OST events and DEVICE_DELETED twice.
  assert.ok(messages >= 7, `${messages} messages`);
  assert.ok(writes < messages, `${writes} writes for ${messages} messages`);
});
