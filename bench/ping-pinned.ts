// The one-connection QMP ping-pong, cpuhp and QEMU 7.2 side by side, on chosen CPUs.
//
// Why pinned (measured on the 2-vCPU benchmark VM, issue 12): a ping-pong is two
// wake-ups per round trip. With the client and the server on the same CPU a
// wake-up is a context switch. On two CPUs the woken process's CPU had halted
// (this VM does no guest halt-polling), so a wake-up is an interrupt through the
// hypervisor, and the woken process then runs far slower: CPU time per round trip
// went from 12 to 35 us for cpuhp's server, 130 to 155 us for QEMU's, 13 to 31 us
// for the client. That cost is the machine's, and which placement a run got was up
// to the scheduler: two otherwise idle CPUs spread the processes, other load on
// one CPU (the rest of the bench, a build) puts them together. Unpinned runs of
// the same build gave 8k to 41k round trips/s for cpuhp, 4k to 7k for QEMU, and
// ratios from 2.2x to 4.8x. So each placement is measured on purpose, the client
// in this process (started under taskset by pingPairPinned), the servers under
// taskset:
// - one CPU: what the servers cost, each wake-up a context switch;
// - two CPUs: what the servers cost plus the machine's wake-ups.
// Beside them, floor-server.ts, a Node.js server that answers without parsing:
// the most any Node.js server could show on the same machine.
//
// And why interleaved: the servers run at once and are pinged in turns, blocks of
// BLOCK round trips, ABC then CBA, ROUNDS rounds; a round's ratio compares blocks
// measured within ~0.1 s of each other, so load that comes and goes (the machine is
// shared) hits both sides alike, and the median of the rounds' ratios drops the
// rounds it hit unevenly. Fresh processes per run, each reply checked (PingClient).
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PingClient } from './ping-client.ts';
import { serve, type Served, type ServerKind } from './serve.ts';

/**
 * Round trips before measuring: cpuhp's rate was still climbing (the JIT) for
 * about 3,500 round trips after start; QEMU's settled after about 1,000.
 */
const WARM_UP = 5_000;
const BLOCK = 500;
const ROUNDS = 12;
const MACHINE = ['-machine', 'pc-q35-7.2', '-smp', '1,maxcpus=4', '-S'];
/** The runner's whole budget: warm-up and rounds take a few seconds even on a loaded machine. */
const RUNNER_TIMEOUT_MS = 120_000;

export interface PairRun {
  /** Round trips per second of each block. */
  readonly cpuhp: number[];
  /** Empty when QEMU is not installed. */
  readonly qemu: number[];
  /** floor-server.ts: the least a Node.js server can do, on the same machine. */
  readonly floor: number[];
  /** Each round's cpuhp rate / QEMU rate. */
  readonly ratios: number[];
  /** Each round's floor rate / QEMU rate: the most any Node.js server could show. */
  readonly floorRatios: number[];
  /** cpuhp's round-trip times in ms, every block. */
  readonly samples: number[];
}

async function timedBlock(c: PingClient, samples?: number[]): Promise<number> {
  const t0 = performance.now();
  const times = await c.roundTrips(BLOCK);
  const rate = (BLOCK / (performance.now() - t0)) * 1000;
  samples?.push(...times);
  return rate;
}

/** One run, in this process: fresh servers (on `serverCpus` if given), warmed up, pinged in turns. */
export async function pingPair(withQemu: boolean, serverCpus?: string): Promise<PairRun> {
  const kinds: ServerKind[] = withQemu ? ['cpuhp', 'qemu', 'floor'] : ['cpuhp', 'floor'];
  const served: Served[] = kinds.map((k) => serve(k, MACHINE, { cpus: serverCpus }));
  try {
    const clients = await Promise.all(served.map((s) => PingClient.negotiated(s.path)));
    for (const c of clients) await c.roundTrips(WARM_UP);
    const rates = new Map<ServerKind, number[]>(kinds.map((k) => [k, []]));
    const samples: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // ABC, then CBA: no server always goes first.
      const order = i % 2 === 0 ? kinds.keys() : [...kinds.keys()].reverse();
      for (const k of order) rates.get(kinds[k]!)!.push(await timedBlock(clients[k]!, kinds[k] === 'cpuhp' ? samples : undefined));
    }
    for (const c of clients) c.close();
    const [cpuhp, qemu, floor] = (['cpuhp', 'qemu', 'floor'] as const).map((k) => rates.get(k) ?? []);
    const per = (xs: number[]) => qemu!.map((q, i) => xs[i]! / q);
    return { cpuhp: cpuhp!, qemu: qemu!, floor: floor!, ratios: per(cpuhp!), floorRatios: per(floor!), samples };
  } finally {
    await Promise.all(served.map((s) => s.close()));
  }
}

/** pingPair in a child process whose client runs on `clientCpus`, the servers on `serverCpus`. */
export async function pingPairPinned(withQemu: boolean, clientCpus: string, serverCpus: string): Promise<PairRun> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn('taskset', ['-c', clientCpus, process.execPath, ...process.execArgv, self, String(withQemu), serverCpus], {
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: RUNNER_TIMEOUT_MS,
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`ping-pong runner on CPUs ${clientCpus}/${serverCpus} failed (exit ${code})`);
  return JSON.parse(out) as PairRun;
}

// The runner: `node --import tsx bench/ping-pinned.ts WITH_QEMU SERVER_CPUS` prints one PairRun as JSON.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [withQemu, serverCpus] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(await pingPair(withQemu === 'true', serverCpus)));
}
