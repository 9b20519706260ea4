// QMP speed of `cpuhp run`, and QEMU 7.2's beside it when it is installed:
// - query-status round trips (one outstanding command at a time) on one
//   connection, and on 50 connections at once (QEMU's -qmp serves one client at a
//   time, so QEMU gets 50 -qmp monitors, one client each), each reply checked,
//   medians of RUNS runs, QEMU 7.2 measured in the same run, the same lean client
//   (ping-client.ts) on both sides; aim: at least 3x;
// - device_add's reply time, on `-machine pc-q35-7.2 -smp 1,maxcpus=64 -S` on
//   both (with -S QEMU runs no guest, so the reply is all there is to compare):
//   cores 1..63 added one after another, each a new slot;
// - cpuhp only: the time from sending device_add to the guest's CPU being
//   online (the ACPI_DEVICE_OST event with source 1, status 0, which the guest
//   sends after onlining it), on the default arm64 virt and on q35, the CPU
//   removed again between runs.
// Each process is started fresh, bounded by timeouts, and killed at the end.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { which } from '../test/peers/qtest.ts';
import { QmpTestClient, type QmpMessage } from '../test/qmp/qmp-client.ts';
import { trackChild } from '../test/support/children.ts';
import type { BenchResult } from './measure.ts';
import { PingClient } from './ping-client.ts';

const CPUHP_BIN = fileURLToPath(new URL('../bin/cpuhp.js', import.meta.url));
const ROUND_TRIPS = 5_000;
const WARM_UP = 2_000;
const CLIENTS = 50;
const ROUND_TRIPS_PER_CLIENT = 200;
const ADD_SLOTS = 63;
const ONLINE_RUNS = 30;
const EXIT_GRACE_MS = 5_000;

/** Median and minimum of samples in ms, as a BenchResult. */
function summarize(name: string, samples: number[], note: string): BenchResult {
  const s = [...samples].sort((a, b) => a - b);
  return { name, medianMs: s[Math.floor(s.length / 2)]!, minMs: s[0]!, runs: s.length, note };
}

interface Served {
  readonly path: string;
  close(): Promise<void>;
}

/** Starts `cpuhp run` or QEMU with a QMP socket (QEMU: `monitors` of them) in a fresh directory; close() ends it for sure. */
function serve(kind: 'cpuhp' | 'qemu', args: readonly string[], monitors = 1): Served & { readonly paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), `cpuhp-bench-${kind}-`));
  const path = join(dir, 'qmp.sock');
  const paths = kind === 'qemu' && monitors > 1 ? Array.from({ length: monitors }, (_, i) => join(dir, `qmp${i}.sock`)) : [path];
  const qmp = paths.flatMap((p) => ['-qmp', `unix:${p},server=on,wait=off`]);
  const child: ChildProcess =
    kind === 'cpuhp'
      ? spawn(process.execPath, [CPUHP_BIN, 'run', '--exit-with-parent', ...args, ...qmp], { stdio: 'ignore' })
      : spawn('qemu-system-x86_64', [...args, '-display', 'none', '-nodefaults', ...qmp], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const kill = () => child.kill('SIGKILL');
  trackChild(child);
  return {
    path,
    paths,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((r) => (timer = setTimeout(() => (kill(), r()), EXIT_GRACE_MS)))]);
      clearTimeout(timer);
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const RUNS = 3;
const medianOf = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const perSecond = (commands: number, ms: number) => Math.round((commands / ms) * 1000);

async function oneConnection(kind: 'cpuhp' | 'qemu'): Promise<{ result: BenchResult; rate: number }> {
  const s = serve(kind, ['-machine', 'pc-q35-7.2', '-smp', '1,maxcpus=4', '-S']);
  try {
    const c = await PingClient.negotiated(s.path);
    await c.roundTrips(WARM_UP); // the JIT of both sides settles first
    const t0 = performance.now();
    const samples = await c.roundTrips(ROUND_TRIPS);
    const rate = perSecond(ROUND_TRIPS, performance.now() - t0);
    c.close();
    return { result: summarize(`QMP query-status round trip, 1 connection (${kind === 'qemu' ? 'QEMU 7.2' : 'cpuhp run'})`, samples, `${rate} commands/s`), rate };
  } finally {
    await s.close();
  }
}

async function fiftyConnections(kind: 'cpuhp' | 'qemu' = 'cpuhp'): Promise<{ result: BenchResult; rate: number }> {
  const s = serve(kind, ['-machine', 'pc-q35-7.2', '-smp', '1,maxcpus=4', '-S'], CLIENTS);
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
    const reply = [...replies].sort((a, b) => a - b)[Math.floor(replies.length / 2)]!;
    return summarize(`device_add -> guest CPU online, ${machine} (cpuhp run)`, online, `reply after ${reply.toFixed(2)} ms (median); online = ACPI_DEVICE_OST source 1 status 0`);
  } finally {
    await s.close();
  }
}

export async function benchQmp(): Promise<BenchResult[]> {
  const haveQemu = which('qemu-system-x86_64') !== undefined;
  const out: BenchResult[] = [];
  // Medians of RUNS runs of each, alternating sides so both see the same machine load.
  for (const [label, run] of [['1 connection', oneConnection], [`${CLIENTS} connections`, fiftyConnections]] as const) {
    const ours: { result: BenchResult; rate: number }[] = [];
    const peer: { result: BenchResult; rate: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(await run('cpuhp'));
      if (haveQemu) peer.push(await run('qemu'));
    }
    const rate = medianOf(ours.map((r) => r.rate));
    const mid = ours.find((r) => r.rate === rate)!;
    if (!haveQemu) {
      out.push({ ...mid.result, note: `${rate} commands/s (median of ${RUNS}); QEMU 7.2 not installed, no ratio` });
      continue;
    }
    const peerRate = medianOf(peer.map((r) => r.rate));
    const ratio = rate / peerRate;
    out.push({ ...mid.result, note: `ping-pong ${label}: ours ${rate}/s, QEMU 7.2 ${peerRate}/s (medians of ${RUNS}): ours/QEMU ${ratio.toFixed(2)}x; aim >= 3x ${ratio >= 3 ? 'met' : 'NOT met'}` });
  }
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
