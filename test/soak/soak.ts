// The soak: many QMP clients plugging and unplugging vCPUs at random, on an
// in-process VM with a running guest (test/qmp/vm-server.ts), for a set time;
// clients come and go (each reconnects after a random number of commands). Then:
// nothing leaked and every vCPU is accounted for:
// - the server holds no client, no file descriptor or active handle is left beyond
//   those at the start, and the VM has no more listeners than at the start;
// - the heap after garbage collection, sampled through the run, has a slope
//   (least squares over the second half, after warm-up) reported in KB per minute;
// - after the guest settles, the VMM's vCPUs are what the replies imply (a model per
//   slot, each slot owned by one client), and the guest's online CPUs are the VMM's.
// Run by scripts/soak.ts (long) and bench/soak.ts (short, for its slope).

import { readdirSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { serveVm, type ServedVm } from '../qmp/vm-server.ts';
import { scaled } from '../support/load-scale.ts';
import { Rng } from '../support/prng.ts';

export interface SoakOptions {
  readonly seconds: number;
  readonly clients: number;
  readonly seed: number;
  /** How often the heap is sampled. */
  readonly sampleMs?: number;
}

export interface SoakResult {
  readonly commands: number;
  readonly plugs: number;
  readonly unplugs: number;
  readonly connections: number;
  /** Heap used after GC, MB, at each sample. */
  readonly heapMb: readonly number[];
  /** Least-squares slope of the heap over the second half of the run, KB per minute. */
  readonly heapSlopeKbPerMin: number;
  /** Problems found: leaks and unaccounted vCPUs. Empty when all is well. */
  readonly problems: readonly string[];
}

const CPU = 'qemu64-x86_64-cpu';
const CORES_PER_CLIENT = 3;

type Slot = 'absent' | 'present' | 'removing';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function openFds(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return 0;
  }
}

function handles(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}

/** Least-squares slope of y over x. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** A lean QMP client: replies in order, events dropped, nothing kept. */
class LeanClient {
  private buf = '';
  private readonly waiting: ((m: Record<string, unknown>) => void)[] = [];
  readonly closed: Promise<void>;
  private constructor(private readonly sock: Socket) {
    sock.setEncoding('utf8');
    sock.on('data', (s: string) => {
      this.buf += s;
      for (let nl = this.buf.indexOf('\n'); nl >= 0; nl = this.buf.indexOf('\n')) {
        const line = this.buf.slice(0, nl);
        this.buf = this.buf.slice(nl + 1);
        const m = JSON.parse(line) as Record<string, unknown>;
        if ('return' in m || 'error' in m) this.waiting.shift()?.(m);
      }
    });
    sock.on('error', () => {});
    this.closed = new Promise((r) => sock.once('close', () => r()));
  }
  static connect(path: string): Promise<LeanClient> {
    return new Promise((resolve, reject) => {
      const s = createConnection(path, () => resolve(new LeanClient(s)));
      s.once('error', reject);
    });
  }
  execute(execute: string, args?: Record<string, unknown>): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.sock.write(`${JSON.stringify({ execute, ...(args ? { arguments: args } : {}) })}\n`);
    });
  }
  async close(): Promise<void> {
    this.sock.end();
    await this.closed;
  }
}

/** One client's life: connect, a random number of commands on its own cores, leave, again, until `until`. */
async function clientLoop(path: string, k: number, rng: Rng, slots: Slot[], until: number, counts: { commands: number; plugs: number; unplugs: number; connections: number }): Promise<void> {
  const cores = Array.from({ length: CORES_PER_CLIENT }, (_, j) => 1 + k * CORES_PER_CLIENT + j);
  while (Date.now() < until) {
    const c = await LeanClient.connect(path);
    counts.connections++;
    await c.execute('qmp_capabilities');
    for (let n = 5 + rng.below(60); n > 0 && Date.now() < until; n--) {
      const core = rng.pick(cores);
      const roll = rng.below(10);
      counts.commands++;
      if (roll < 4) {
        const r = await c.execute('device_add', { driver: CPU, id: `cpu${core}`, 'socket-id': 0, 'core-id': core, 'thread-id': 0 });
        if ('return' in r) {
          slots[core] = 'present';
          counts.plugs++;
        }
      } else if (roll < 7) {
        const r = await c.execute('device_del', { id: `cpu${core}` });
        if ('return' in r) {
          slots[core] = 'removing';
          counts.unplugs++;
        } else if (slots[core] === 'removing') slots[core] = 'absent';
      } else {
        await c.execute(rng.pick(['query-hotpluggable-cpus', 'query-status', 'query-cpus-fast', 'query-acpi-ospm-status']));
      }
    }
    await c.close();
  }
}

function accounted(served: ServedVm, slots: Slot[], problems: string[]): void {
  const m = served.vm.machine;
  const vmm = m.config.cpus.map((c) => m.vcpu(c.index)?.enabled === true);
  const model = slots.map((s, i) => i === 0 || s === 'present');
  if (JSON.stringify(vmm) !== JSON.stringify(model)) problems.push(`vCPUs: the VMM has ${JSON.stringify(vmm)}, the replies imply ${JSON.stringify(model)}`);
  const online = served.vm.guest?.cpus().filter((c) => c.online).map((c) => c.hwId).sort((a, b) => a - b) ?? [];
  const enabled = vmm.flatMap((on, i) => (on ? [m.config.cpus[i]!.archId] : []));
  if (JSON.stringify(online) !== JSON.stringify(enabled)) problems.push(`vCPUs: the guest runs ${JSON.stringify(online)}, the VMM ${JSON.stringify(enabled)}`);
}

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const problems: string[] = [];
  const fds0 = openFds();
  const handles0 = handles();
  const served = await serveVm('q35', `1,maxcpus=${1 + o.clients * CORES_PER_CLIENT}`);
  const listeners0 = served.vm.listenerCount;
  const slots: Slot[] = Array.from({ length: 1 + o.clients * CORES_PER_CLIENT }, (_, i) => (i === 0 ? 'present' : 'absent'));
  const counts = { commands: 0, plugs: 0, unplugs: 0, connections: 0 };
  const t0 = Date.now();
  const until = t0 + o.seconds * 1000;
  const times: number[] = [];
  const heap: number[] = [];
  const sampler = setInterval(() => {
    times.push((Date.now() - t0) / 60_000);
    heap.push(heapMb());
  }, o.sampleMs ?? 1000);
  try {
    const rng = new Rng(o.seed);
    await Promise.all(Array.from({ length: o.clients }, (_, k) => clientLoop(served.path, k, new Rng(rng.u32()), slots, until, counts)));
  } finally {
    clearInterval(sampler);
  }
  await served.settle(scaled(60_000));
  for (let i = 0; i < slots.length; i++) if (slots[i] === 'removing') slots[i] = 'absent';
  accounted(served, slots, problems);
  const stats = served.server.stats();
  if (stats.clients !== 0) problems.push(`sockets: the server still holds ${stats.clients} clients`);
  if (served.vm.listenerCount !== listeners0) problems.push(`listeners: the VM had ${listeners0}, now ${served.vm.listenerCount}`);
  await served.close();
  // Closing settles in a turn or two.
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  const fds = openFds();
  if (fds > fds0) problems.push(`file descriptors: ${fds0} at the start, ${fds} at the end`);
  const handles1 = handles();
  for (const [kind, n] of Object.entries(handles1)) {
    if (n > (handles0[kind] ?? 0)) problems.push(`handles: ${kind} ${handles0[kind] ?? 0} at the start, ${n} at the end`);
  }
  const half = Math.floor(times.length / 2);
  const heapSlopeKbPerMin = slope(times.slice(half), heap.slice(half)) * 1024;
  return { ...counts, heapMb: heap, heapSlopeKbPerMin, problems };
}
