// Hot-add then hot-remove of every non-boot vCPU of q35 over QMP, end to end:
// `cpuhp run -machine q35 -smp 1,maxcpus=N` (the compiled CLI, its log read from
// a pipe as a terminal would), one client that sends all N-1 device_add at once
// and waits until the guest has onlined each CPU (ACPI_DEVICE_OST source 1, status
// 0), then all device_del at once until each is gone (DEVICE_DELETED of the CPU).
// Timed from the first device_add, after the guest has booted; the VM's own CPU
// time over the same span is read from /proc. Every reply and event is checked:
// a missing or failed one ends the bench with an error.
//
//   node --import tsx bench/qmp-hotplug.ts [N...]

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { trackChild } from '../test/support/children.ts';
import { median, type BenchResult } from './measure.ts';

const CPUHP_BIN = fileURLToPath(new URL('../bin/cpuhp.js', import.meta.url));
const STEP_TIMEOUT_MS = 120_000;

/** User+system CPU of a process so far, in ms (Linux /proc; clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A minimal QMP line reader: counts what arrives and hands each message to `on`. */
class Line {
  private rest = '';
  constructor(
    readonly sock: Socket,
    on: (m: Record<string, unknown>) => void,
  ) {
    sock.setEncoding('utf8');
    sock.on('data', (s: string) => {
      const lines = (this.rest + s).split('\n');
      this.rest = lines.pop()!;
      for (const l of lines) if (l.trim() !== '') on(JSON.parse(l) as Record<string, unknown>);
    });
  }
}

interface Run {
  readonly cpus: number;
  readonly ms: number;
  readonly cpuMs: number;
}

/** One VM, one add-all/remove-all cycle. */
async function once(maxCpus: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-bench-hp-'));
  const path = join(dir, 'qmp.sock');
  // CPUHP_BENCH_NODE_ARGS: node options for the VM, e.g. '--cpu-prof --cpu-prof-dir=/tmp/p'.
  const nodeArgs = (process.env['CPUHP_BENCH_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(process.execPath, [...nodeArgs, CPUHP_BIN, 'run', '--exit-with-parent', '-machine', 'q35', '-smp', `1,maxcpus=${maxCpus}`, '-qmp', `unix:${path},server=on,wait=off`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  trackChild(child);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    let out = '';
    const booted = new Promise<void>((resolve, reject) => {
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (s: string) => {
        // Keep only the tail: the log of thousands of CPUs is long.
        out = (out + s).slice(-4096);
        if (/smp: Brought up/.test(out)) resolve();
      });
      child.once('exit', () => reject(new Error(`cpuhp run ended early: ${out}`)));
    });
    await booted;
    const sock = connect(path);
    await new Promise<void>((r, j) => sock.once('connect', () => r()).once('error', j));
    let replies = 0;
    let errors: unknown[] = [];
    let online = 0;
    let deleted = 0;
    let wake = () => {};
    new Line(sock, (m) => {
      if ('return' in m) replies++;
      else if ('error' in m) errors.push(m['error']);
      else if (m['event'] === 'ACPI_DEVICE_OST') {
        const info = (m['data'] as { info: { source: number; status: number } }).info;
        if (info.source === 1 && info.status === 0) online++;
      } else if (m['event'] === 'DEVICE_DELETED' && (m['data'] as { device?: string }).device !== undefined) deleted++;
      wake();
    });
    const until = (what: string, done: () => boolean) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${what}: timed out`)), STEP_TIMEOUT_MS);
        wake = () => {
          if (errors.length > 0) reject(new Error(`${what}: ${JSON.stringify(errors[0])}`));
          else if (done()) {
            clearTimeout(timer);
            resolve();
          }
        };
        wake();
      });
    sock.write('{"execute":"qmp_capabilities"}\n');
    await until('qmp_capabilities', () => replies === 1);
    const n = maxCpus - 1;
    const t0 = performance.now();
    const c0 = processCpuMs(child.pid!);
    let add = '';
    for (let core = 1; core <= n; core++) add += `{"execute":"device_add","arguments":{"driver":"qemu64-x86_64-cpu","id":"c${core}","socket-id":${Math.floor(core / 4096)},"core-id":${core},"thread-id":0}}\n`;
    sock.write(add);
    await until('device_add', () => replies === 1 + n && online === n);
    let del = '';
    for (let core = 1; core <= n; core++) del += `{"execute":"device_del","arguments":{"id":"c${core}"}}\n`;
    sock.write(del);
    await until('device_del', () => replies === 1 + 2 * n && deleted === n);
    const ms = performance.now() - t0;
    const cpuMs = processCpuMs(child.pid!) - c0;
    sock.destroy();
    errors = [];
    return { cpus: n, ms, cpuMs };
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median of `runs` cycles at each size; the note gives the cost per vCPU. */
export async function benchQmpHotplug(sizes = [16, 256, 4096], runs = 3): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const size of sizes) {
    const rs: Run[] = [];
    for (let i = 0; i < runs; i++) rs.push(await once(size));
    const ms = median(rs.map((r) => r.ms));
    const cpuMs = median(rs.map((r) => r.cpuMs));
    const n = size - 1;
    out.push({
      name: `QMP hot-add+remove, q35 ${n} vCPUs, end to end`,
      medianMs: ms,
      minMs: Math.min(...rs.map((r) => r.ms)),
      runs,
      note: `${((ms / n) * 1000).toFixed(0)} µs/vCPU; VM CPU ${cpuMs} ms (${((cpuMs / n) * 1000).toFixed(0)} µs/vCPU)${size === 4096 ? `; aim < 3000 ms ${ms < 3000 ? 'met' : 'NOT met'}` : ''}`,
    });
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { report } = await import('./measure.ts');
  const sizes = process.argv.slice(2).map(Number);
  report(await benchQmpHotplug(sizes.length > 0 ? sizes : undefined));
}
