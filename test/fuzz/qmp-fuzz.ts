// Fuzz of the QMP server (src/qmp) on a real unix socket, served by an in-process
// VM with a running guest (test/qmp/vm-server.ts). Inputs, from a seed:
// - random bytes (1 to 512 of them) on a client kept for junk;
// - huge tokens: keywords, numbers and strings of 64 KiB to 1.2 MiB;
// - deep nesting: 1,000 to 3,000 open brackets or braces;
// - random valid commands in random order, with device_add and device_del on
//   slots the model tracks, and invalid ones (unknown, bad arguments);
// - abrupt disconnects: a client that sends part of a command, or a whole query,
//   and is gone before its reply.
// Every junk input is followed by a control character (it ends whatever message
// the junk left open) and a marker command whose reply must come back (the VM
// answers) after replies that are all {return} or {error}. Each command's
// reply is predicted by the model (a slot is absent, present, or being removed by
// the guest); every 100 inputs the guest is let settle and the VMM's vCPUs must be
// the model's, and the guest's online CPUs the VMM's.

import { createConnection } from 'node:net';
import { Rng } from '../support/prng.ts';
import { QmpTestClient, type QmpMessage } from '../qmp/qmp-client.ts';
import { serveVm } from '../qmp/vm-server.ts';
import { FuzzTally, type FuzzReport } from './report.ts';

const CPU = 'qemu64-x86_64-cpu';
const SLOTS = 8;
const CHECK_EVERY = 100;
const QUERIES = ['query-status', 'query-version', 'query-name', 'query-commands', 'query-machines', 'query-hotpluggable-cpus', 'query-cpus-fast', 'query-acpi-ospm-status', 'query-migrate'];

type SlotModel = 'absent' | 'present' | 'removing';

interface Prediction {
  readonly request: QmpMessage;
  /** What the reply must be, given the model just before it: 'either' for a slot the guest may or may not have ejected yet. */
  expect(slots: readonly SlotModel[]): 'return' | 'error' | 'either';
  /** Applies the command's real outcome to the model. */
  apply?(slots: SlotModel[], ok: boolean): void;
}

/** A random command; its expected reply is judged against the model when the replies are checked, in order. */
function command(rng: Rng, id: number): Prediction {
  const roll = rng.below(100);
  const core = 1 + rng.below(SLOTS - 1);
  if (roll < 25) {
    return {
      request: { execute: 'device_add', arguments: { driver: CPU, id: `cpu${core}`, 'socket-id': 0, 'core-id': core, 'thread-id': 0 }, id },
      expect: (slots) => (slots[core] === 'absent' ? 'return' : slots[core] === 'present' ? 'error' : 'either'),
      apply: (slots, ok) => {
        if (ok) slots[core] = 'present';
      },
    };
  }
  if (roll < 45) {
    return {
      request: { execute: 'device_del', arguments: { id: `cpu${core}` }, id },
      expect: (slots) => (slots[core] === 'present' ? 'return' : slots[core] === 'absent' ? 'error' : 'either'),
      // Refused while being removed: the guest has ejected it already.
      apply: (slots, ok) => {
        slots[core] = ok ? 'removing' : slots[core] === 'removing' ? 'absent' : slots[core]!;
      },
    };
  }
  const always = (expect: 'return' | 'error', request: QmpMessage): Prediction => ({ request, expect: () => expect });
  if (roll < 80) return always('return', { execute: rng.pick(QUERIES), id });
  if (roll < 85) return always('return', { execute: rng.pick(['stop', 'cont']), id });
  if (roll < 90) return always('error', { execute: 'qmp_capabilities', id });
  if (roll < 95) return always('error', { execute: `no-such-${rng.below(100)}`, id });
  return always('error', { execute: 'device_del', arguments: { id: rng.below(2) === 0 ? 5 : '' }, id });
}

function junkBytes(rng: Rng): Uint8Array {
  const n = 1 + rng.below(512);
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = rng.chance(0.5) ? rng.below(256) : rng.pick([0x7b, 0x7d, 0x5b, 0x5d, 0x22, 0x27, 0x3a, 0x2c, 0x5c, 0x20, 0x0a, 0x31, 0x61]);
  return b;
}

function hugeToken(rng: Rng): string {
  const n = (64 << 10) + rng.below((1200 << 10) - (64 << 10));
  switch (rng.below(4)) {
    case 0: return `{"execute": ${'a'.repeat(n)}}`;
    case 1: return `{"execute": "query-status", "id": ${'9'.repeat(n)}}`;
    case 2: return `{"execute": "query-status", "id": "${'x'.repeat(n)}"}`;
    default: return `{"execute": "query-status", "id": -0.${'1'.repeat(n)}e-5}`;
  }
}

function deepNesting(rng: Rng): string {
  const n = 1000 + rng.below(2000);
  return rng.chance(0.5) ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n);
}

const isReply = (m: QmpMessage) => 'return' in m || 'error' in m;

/** A client that connects, sends `text`, and is gone at once. */
function dropIn(path: string, text: string): Promise<void> {
  return new Promise((resolve) => {
    const s = createConnection(path, () => {
      s.write(text);
      s.destroy();
    });
    s.on('close', () => resolve());
    s.on('error', () => resolve());
  });
}

export async function runQmpFuzz({ seed, inputs }: { seed: number; inputs: number }): Promise<FuzzReport> {
  const tally = new FuzzTally('QMP server', seed);
  const rng = new Rng(seed);
  const served = await serveVm('q35', `1,maxcpus=${SLOTS}`);
  const slots: SlotModel[] = Array.from({ length: SLOTS }, (_, i) => (i === 0 ? 'present' : 'absent'));
  let main: QmpTestClient | undefined;
  let junk: QmpTestClient | undefined;
  let next = 0;
  try {
    main = await QmpTestClient.negotiated(served.path, { label: 'fuzz main' });
    junk = await QmpTestClient.negotiated(served.path, { label: 'fuzz junk' });
    while (tally.inputs < inputs) {
      const where = `seed ${seed} input ${tally.inputs}`;
      const kind = rng.below(100);
      if (kind < 55) {
        // A burst of commands, pipelined; replies in order.
        const burst = Array.from({ length: Math.min(1 + rng.below(16), inputs - tally.inputs) }, () => command(rng, next++));
        const replies = await Promise.all(burst.map((p) => main!.request(p.request)));
        burst.forEach((p, k) => {
          const r = replies[k]!;
          const got = 'return' in r ? 'return' : 'error';
          const expect = p.expect(slots);
          tally.count(`command ${got}`);
          if (r['id'] !== p.request['id']) tally.find(`${where}: reply ${JSON.stringify(r).slice(0, 200)} to ${JSON.stringify(p.request)} has the wrong id`);
          if (expect !== 'either' && got !== expect) tally.find(`${where}: ${JSON.stringify(p.request)} gave ${JSON.stringify(r).slice(0, 300)}, the model expected ${expect}`);
          p.apply?.(slots, got === 'return');
        });
      } else {
        const sub = rng.below(100);
        let input: string | Uint8Array;
        let label: string;
        if (sub < 60) [input, label] = [junkBytes(rng), 'random bytes'];
        else if (sub < 70) [input, label] = [hugeToken(rng), 'huge token'];
        else if (sub < 80) [input, label] = [deepNesting(rng), 'deep nesting'];
        else {
          const whole = JSON.stringify({ execute: 'device_add', arguments: { driver: CPU, id: 'gone', 'socket-id': 0, 'core-id': 1 + rng.below(SLOTS - 1), 'thread-id': 0 } });
          const text = rng.chance(0.5) ? whole.slice(0, rng.below(whole.length - 1)) : `{"execute":"qmp_capabilities"}{"execute":"${rng.pick(QUERIES)}"}`;
          await dropIn(served.path, text);
          tally.count('abrupt disconnect');
          continue;
        }
        // Junk may leave a bracket open, which would swallow the marker as QEMU's parser
        // would: a control character ends any message in progress (a "stray" error).
        const replies = await junk.exchange(Buffer.concat([Buffer.from(input), Buffer.from([0x01])]));
        tally.count(label);
        const bad = replies.find((r) => !isReply(r));
        if (bad) tally.find(`${where}: ${label}: a message that is not a reply: ${JSON.stringify(bad).slice(0, 200)}`);
        if (junk.isClosed) tally.find(`${where}: ${label}: the connection was closed`);
      }
      if (tally.inputs % CHECK_EVERY < 16 && tally.findings.length === 0) await check(main, served, slots, tally, where);
      if (tally.findings.length > 0) break;
    }
    await check(main, served, slots, tally, `seed ${seed} at the end`);
  } catch (e) {
    tally.find(`seed ${seed} input ${tally.inputs}: ${(e as Error).message}`);
  } finally {
    main?.close();
    junk?.close();
    await served.close();
  }
  return tally.report();
}

/** Lets the guest finish, then compares the VMM's vCPUs with the model and the guest with the VMM. */
async function check(main: QmpTestClient, served: Awaited<ReturnType<typeof serveVm>>, slots: SlotModel[], tally: FuzzTally, where: string): Promise<void> {
  await main.execute('cont');
  await served.settle();
  slots.forEach((s, i) => {
    if (s === 'removing') slots[i] = 'absent';
  });
  const vmm = served.vm.machine.config.cpus.map((c) => served.vm.machine.vcpu(c.index)?.enabled === true);
  const model = slots.map((s) => s === 'present');
  if (JSON.stringify(vmm) !== JSON.stringify(model)) tally.find(`${where}: the VMM's vCPUs ${JSON.stringify(vmm)} are not the model's ${JSON.stringify(model)}`);
  const online = served.vm.guest?.cpus().filter((c) => c.online).map((c) => c.hwId).sort((a, b) => a - b) ?? [];
  const enabled = vmm.flatMap((on, i) => (on ? [served.vm.machine.config.cpus[i]!.archId] : []));
  if (JSON.stringify(online) !== JSON.stringify(enabled)) tally.find(`${where}: the guest runs ${JSON.stringify(online)}, the VMM ${JSON.stringify(enabled)}`);
}
