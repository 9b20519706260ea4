// Resident memory of an idle VM: `cpuhp run -machine q35` after its guest has
// booted and settled, at 16 and 4096 possible CPUs, beside QEMU 7.2's
// `qemu-system-x86_64 -machine q35 -S` with the same -smp at 16 (QEMU 7.2's q35
// stops at 288 CPUs), measured in the same run: VmRSS from /proc, medians of RUNS.
// Aims: under 60 MB at 16 CPUs, under 120 MB at 4096.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { which } from '../test/peers/qtest.ts';
import { QmpTestClient } from '../test/qmp/qmp-client.ts';
import { trackChild } from '../test/support/children.ts';
import { median } from './measure.ts';

const CPUHP_BIN = fileURLToPath(new URL('../bin/cpuhp.js', import.meta.url));
const RUNS = 3;
const SETTLE_MS = 2000;
const BOOT_TIMEOUT_MS = 120_000;

function rssMb(pid: number): number {
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}

/** One idle VM's RSS in MB, once it answers QMP (and, for cpuhp, its guest has booted) and has settled. */
async function idleRss(kind: 'cpuhp' | 'qemu', maxCpus: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-bench-mem-'));
  const path = join(dir, 'qmp.sock');
  const qmp = ['-qmp', `unix:${path},server=on,wait=off`];
  const smp = ['-smp', `1,maxcpus=${maxCpus}`];
  const child = kind === 'cpuhp'
    ? spawn(process.execPath, [CPUHP_BIN, 'run', '--exit-with-parent', '-machine', 'q35', ...smp, ...qmp], { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn('qemu-system-x86_64', ['-machine', 'q35', '-S', ...smp, '-display', 'none', '-nodefaults', ...qmp], { stdio: ['ignore', 'pipe', 'ignore'] });
  trackChild(child);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    let log = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${kind}: no QMP socket or boot within ${BOOT_TIMEOUT_MS} ms`)), BOOT_TIMEOUT_MS);
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (s: string) => {
        log = (log + s).slice(-4096);
        if (/smp: Brought up/.test(log)) (clearTimeout(timer), resolve());
      });
      child.once('exit', (code) => reject(new Error(`${kind} exited (${code}): ${log}`)));
      if (kind === 'qemu') {
        const poll = async () => {
          for (;;) {
            try {
              const c = await QmpTestClient.negotiated(path, { label: 'qemu', connectMs: 200 });
              c.close();
              clearTimeout(timer);
              resolve();
              return;
            } catch {
              await sleep(100);
            }
          }
        };
        void poll();
      }
    });
    // One QMP round trip, as a management client would make, then idle.
    const c = await QmpTestClient.negotiated(path, { label: kind });
    const r = await c.execute('query-status');
    if (!('return' in r)) throw new Error(`${kind}: query-status failed: ${JSON.stringify(r)}`);
    c.close();
    await sleep(SETTLE_MS);
    return rssMb(child.pid!);
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchMemory(): Promise<string[]> {
  const haveQemu = which('qemu-system-x86_64') !== undefined;
  const out: string[] = [];
  for (const [cpus, aim] of [[16, 60], [4096, 120]] as const) {
    const ours: number[] = [];
    const peer: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(await idleRss('cpuhp', cpus));
      if (haveQemu && cpus <= 288) peer.push(await idleRss('qemu', cpus));
    }
    const o = median(ours);
    const vs = peer.length > 0 ? `, QEMU 7.2 (-S) ${median(peer).toFixed(1)} MB: ours/QEMU ${(o / median(peer)).toFixed(2)}x` : cpus > 288 ? ' (QEMU 7.2 stops at 288 CPUs)' : ' (QEMU 7.2 not installed)';
    out.push(`${`memory: cpuhp run q35 ${cpus} CPUs, idle RSS`.padEnd(52)} ours ${o.toFixed(1)} MB${vs}; aim < ${aim} MB ${o < aim ? 'met' : 'NOT met'} (median of ${RUNS})`);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) for (const l of await benchMemory()) console.log(l);
