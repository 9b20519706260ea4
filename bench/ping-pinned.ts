// The one-connection QMP ping-pong, cpuhp and QEMU 7.2 side by side, on chosen CPUs.
//
// Why pinned (measured on the 2-vCPU benchmark VM, issue 12): a ping-pong is two
// wake-ups per round trip. With the client and the server on the same CPU a
// wake-up is a context switch; on two CPUs it is an inter-processor interrupt,
// which in a VM costs a trip through the hypervisor, about 30 us each here. That
// cost belongs to neither server, and which of the two a run gets was up to the
// scheduler: two otherwise idle CPUs spread the processes, other load on one CPU
// (the rest of the bench, a build) puts them together. Unpinned runs of the same
// build gave 8k to 41k round trips/s for cpuhp and 4k to 7k for QEMU, and ratios
// from 2.2x to 4.8x. So each placement is measured on purpose, the client in this
// process (started under taskset by pingPongPinned) and the servers under taskset:
// - one CPU: what the servers cost, each wake-up a context switch;
// - two CPUs: with the hypervisor's wake-ups, which bound any server's ratio.
//
// And why interleaved: both servers run at once and are pinged in turns, blocks of
// BLOCK round trips, ABBA order, ROUNDS rounds; a round's ratio compares blocks
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
  /** Each round's cpuhp rate / QEMU rate. */
  readonly ratios: number[];
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
  const kinds: ServerKind[] = withQemu ? ['cpuhp', 'qemu'] : ['cpuhp'];
  const served: Served[] = kinds.map((k) => serve(k, MACHINE, { cpus: serverCpus }));
  try {
    const [ours, peer] = await Promise.all(served.map((s) => PingClient.negotiated(s.path)));
    for (const c of [ours!, peer]) await c?.roundTrips(WARM_UP);
    const run: PairRun = { cpuhp: [], qemu: [], ratios: [], samples: [] };
    for (let i = 0; i < ROUNDS; i++) {
      let a: number;
      let b = NaN;
      if (i % 2 === 0) {
        a = await timedBlock(ours!, run.samples);
        if (peer) b = await timedBlock(peer);
      } else {
        if (peer) b = await timedBlock(peer);
        a = await timedBlock(ours!, run.samples);
      }
      run.cpuhp.push(a);
      if (peer) {
        run.qemu.push(b);
        run.ratios.push(a / b);
      }
    }
    ours!.close();
    peer?.close();
    return run;
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
