// QMP speed of `cpuhp run`, and QEMU 7.2's beside it when it is installed:
// - query-status round trips (one outstanding command at a time) on one
//   connection, and on 50 connections at once (QEMU's -qmp serves one client at a
//   time, so QEMU gets 50 -qmp monitors, one client each), each reply checked,
//   medians of RUNS runs, QEMU 7.2 measured in the same run, the same lean client
//   (ping-client.ts) on both sides; aim: at least 3x. One connection is measured
//   with client and servers pinned to one CPU and to two, both servers pinged in
//   turns (ping-pinned.ts says why: unpinned, the scheduler's placement decided
//   the figure);
// - device_add's reply time, on `-machine pc-q35-7.2 -smp 1,maxcpus=64 -S` on
//   both (with -S QEMU runs no guest, so the reply is all there is to compare):
//   cores 1..63 added one after another, each a new slot;
// - cpuhp only: the time from sending device_add to the guest's CPU being
//   online (the ACPI_DEVICE_OST event with source 1, status 0, which the guest
//   sends after onlining it), on the default arm64 virt and on q35, the CPU
//   removed again between runs.
// Each process is started fresh, bounded by timeouts, and killed at the end.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { which } from '../test/peers/qtest.ts';
import { QmpTestClient, type QmpMessage } from '../test/qmp/qmp-client.ts';
import { median, summarize, type BenchResult } from './measure.ts';
import { PingClient } from './ping-client.ts';
import { pingPair, pingPairPinned, type PairRun } from './ping-pinned.ts';
import { serve } from './serve.ts';

const CLIENTS = 50;
const ROUND_TRIPS_PER_CLIENT = 200;
const ADD_SLOTS = 63;
const ONLINE_RUNS = 30;

const RUNS = 3;

const perSecond = (commands: number, ms: number) => Math.round((commands / ms) * 1000);

/**
 * Where the one-connection client and servers run (see ping-pinned.ts): the last
 * CPU this process may use for both, and the one before it for the client;
 * unpinned with one CPU, or without taskset or Linux's Cpus_allowed_list.
 */
function placements(): { label: string; client: string; server: string }[] | undefined {
  const cpus = allowedCpus();
  if (cpus.length < 2 || which('taskset') === undefined) return undefined;
  const [client, server] = cpus.slice(-2).map(String) as [string, string];
  return [
    { label: 'one CPU', client: server, server },
    { label: 'two CPUs', client, server },
  ];
}

/** The CPUs this process may run on, from /proc/self/status ("0-3,6"); none where there is no such file. */
function allowedCpus(): number[] {
  let status: string;
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    return [];
  }
  const list = /^Cpus_allowed_list:\s*(\S+)$/m.exec(status)?.[1] ?? '';
  return list.split(',').flatMap((range) => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(range);
    if (!m) return [];
    const from = Number(m[1]);
    const to = m[2] !== undefined ? Number(m[2]) : from;
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

/** The one-connection ping-pong: RUNS runs per placement, each cpuhp and QEMU side by side; medians. */
async function oneConnection(haveQemu: boolean): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const p of placements() ?? [undefined]) {
    const runs: PairRun[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(p ? await pingPairPinned(haveQemu, p.client, p.server) : await pingPair(haveQemu));
    const rate = Math.round(median(runs.map((r) => median(r.cpuhp))));
    const where = p ? `client and server on ${p.label}` : 'unpinned';
    const name = `QMP query-status round trip, 1 connection, ${p?.label ?? 'unpinned'} (cpuhp run)`;
    const samples = runs.flatMap((r) => r.samples);
    if (!haveQemu) {
      out.push(summarize(name, samples, `${rate} commands/s (${where}, median of ${RUNS}); QEMU 7.2 not installed, no ratio`));
      continue;
    }
    const peerRate = Math.round(median(runs.map((r) => median(r.qemu))));
    const ratio = median(runs.map((r) => median(r.ratios)));
    const each = runs.map((r) => median(r.ratios).toFixed(2)).join(', ');
    const floor = median(runs.map((r) => median(r.floorRatios)));
    out.push(
      summarize(
        name,
        samples,
        `ping-pong 1 connection, ${where}: ours ${rate}/s, QEMU 7.2 ${peerRate}/s; ours/QEMU ${ratio.toFixed(2)}x (median of ${RUNS} runs: ${each}); aim >= 3x ${ratio >= 3 ? 'met' : 'NOT met'}; a bare Node.js server (floor-server.ts) ${floor.toFixed(2)}x`,
      ),
    );
  }
  return out;
}

async function fiftyConnections(kind: 'cpuhp' | 'qemu' = 'cpuhp'): Promise<{ result: BenchResult; rate: number }> {
  const s = serve(kind, ['-machine', 'pc-q35-7.2', '-smp', '1,maxcpus=4', '-S'], { monitors: CLIENTS });
  try {
    const clients = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => PingClient.negotiated(s.paths[i % s.paths.length]!)));
    await Promise.all(clients.map((c) => c.roundTrips(20)));
    const t0 = performance.now();
    const samples = (await Promise.all(clients.map((c) => c.roundTrips(ROUND_TRIPS_PER_CLIENT)))).flat();
    const rate = perSecond(CLIENTS * ROUND_TRIPS_PER_CLIENT, performance.now() - t0);
    for (const c of clients) c.close();
    const who = kind === 'qemu' ? 'QEMU 7.2, a monitor each' : 'cpuhp run';
    return { result: summarize(`QMP query-status round trip, ${CLIENTS} connections (${who})`, samples, `${rate} commands/s in all`), rate };
  } finally {
    await s.close();
  }
}

/** device_add of cores 1..63 in turn; the reply times. */
async function deviceAddReplies(kind: 'cpuhp' | 'qemu'): Promise<BenchResult> {
  const s = serve(kind, ['-machine', 'pc-q35-7.2', '-smp', `1,maxcpus=${ADD_SLOTS + 1}`, '-S']);
  try {
    const c = await QmpTestClient.negotiated(s.path, { label: kind });
    const samples: number[] = [];
    for (let core = 1; core <= ADD_SLOTS; core++) {
      const t0 = performance.now();
      const r = await c.execute('device_add', { driver: 'qemu64-x86_64-cpu', id: `c${core}`, 'socket-id': 0, 'core-id': core, 'thread-id': 0 });
      samples.push(performance.now() - t0);
      if (!('return' in r)) throw new Error(`${kind}: device_add failed: ${JSON.stringify(r)}`);
    }
    c.close();
    return summarize(`device_add reply, pc-q35-7.2 -S (${kind === 'qemu' ? 'QEMU 7.2' : 'cpuhp run'})`, samples, `${ADD_SLOTS} new slots in turn`);
  } finally {
    await s.close();
  }
}

/** device_add until the guest has the CPU online, then device_del until it is gone; repeated. */
async function addToOnline(machine: 'virt' | 'q35'): Promise<BenchResult> {
  const s = serve('cpuhp', ['-machine', machine, '-smp', '1,maxcpus=4']);
  const [cpu, props] =
    machine === 'virt'
      ? ['max-arm-cpu', { 'socket-id': 0, 'cluster-id': 0, 'core-id': 1, 'thread-id': 0 }]
      : ['qemu64-x86_64-cpu', { 'socket-id': 0, 'core-id': 1, 'thread-id': 0 }];
  const isOst = (source: number, status: number) => (e: QmpMessage) => {
    const info = (e['data'] as { info?: { source?: number; status?: number } } | undefined)?.info;
    return e['event'] === 'ACPI_DEVICE_OST' && info?.source === source && info.status === status;
  };
  try {
    const c = await QmpTestClient.negotiated(s.path, { label: machine });
    const online: number[] = [];
    const replies: number[] = [];
    for (let i = 0; i < ONLINE_RUNS + 3; i++) {
      const from = c.events.length;
      const t0 = performance.now();
      const r = await c.execute('device_add', { driver: cpu, id: 'c1', ...props });
      const tReply = performance.now() - t0;
      if (!('return' in r)) throw new Error(`device_add failed: ${JSON.stringify(r)}`);
      await c.waitForEvent(isOst(1, 0), 10_000, from);
      const tOnline = performance.now() - t0;
      if (i >= 3) {
        replies.push(tReply);
        online.push(tOnline);
      }
      const gone = c.events.length;
      await c.execute('device_del', { id: 'c1' });
      await c.waitForEvent(isOst(3, 0), 10_000, gone);
    }
    c.close();
    const reply = median(replies);
    return summarize(`device_add -> guest CPU online, ${machine} (cpuhp run)`, online, `reply after ${reply.toFixed(2)} ms (median); online = ACPI_DEVICE_OST source 1 status 0`);
  } finally {
    await s.close();
  }
}

/** The query-status ping-pong on one connection and on 50, with the ratio to QEMU 7.2 when it is installed. */
export async function benchQmpPingPong(): Promise<BenchResult[]> {
  const haveQemu = which('qemu-system-x86_64') !== undefined;
  const out = await oneConnection(haveQemu);
  // Medians of RUNS runs, alternating sides so both see the same machine load.
  const ours: { result: BenchResult; rate: number }[] = [];
  const peer: { result: BenchResult; rate: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(await fiftyConnections('cpuhp'));
    if (haveQemu) peer.push(await fiftyConnections('qemu'));
  }
  const rate = median(ours.map((r) => r.rate));
  const mid = ours.find((r) => r.rate === rate)!;
  if (!haveQemu) {
    out.push({ ...mid.result, note: `${rate} commands/s (median of ${RUNS}); QEMU 7.2 not installed, no ratio` });
    return out;
  }
  const peerRate = median(peer.map((r) => r.rate));
  const ratio = rate / peerRate;
  out.push({ ...mid.result, note: `ping-pong ${CLIENTS} connections: ours ${rate}/s, QEMU 7.2 ${peerRate}/s (medians of ${RUNS}): ours/QEMU ${ratio.toFixed(2)}x; aim >= 3x ${ratio >= 3 ? 'met' : 'NOT met'}` });
  return out;
}

export async function benchQmp(): Promise<BenchResult[]> {
  const haveQemu = which('qemu-system-x86_64') !== undefined;
  const out = await benchQmpPingPong();
  const addOurs = await deviceAddReplies('cpuhp');
  out.push(addOurs);
  if (haveQemu) {
    const addQemu = await deviceAddReplies('qemu');
    out.push({ ...addQemu, note: `${addQemu.note}; cpuhp/QEMU median reply time = ${(addOurs.medianMs / addQemu.medianMs).toFixed(2)}` });
  } else {
    out.push({ name: 'device_add reply, pc-q35-7.2 -S (QEMU 7.2)', medianMs: NaN, minMs: NaN, runs: 0, note: 'qemu-system-x86_64 not installed' });
  }
  out.push(await addToOnline('virt'));
  out.push(await addToOnline('q35'));
  return out;
}

// `node --import tsx bench/qmp.ts` runs just these.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { report } = await import('./measure.ts');
  report(await benchQmp());
}
