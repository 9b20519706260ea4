// Whole-process CPU time (user + system, from bash's `time`, i.e. the child's
// rusage) of a command, with its output kept so the result can be checked: a
// comparison with a peer means nothing unless both sides did the same work and
// finished it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './measure.ts';

export interface ProcessRun {
  readonly cpuSeconds: number;
  readonly status: number;
  /** stdout and stderr together. */
  readonly output: string;
}

const quote = (a: string) => `'${a.replace(/'/g, "'\\''")}'`;

/** Runs `argv` once (at most `timeoutMs`); its CPU time, exit status and output. */
export function runOnce(argv: readonly string[], timeoutMs = 600_000): ProcessRun {
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-bench-run-'));
  try {
    const out = join(dir, 'out');
    const script = `TIMEFORMAT='%3U %3S'; { time ${argv.map(quote).join(' ')} >${quote(out)} 2>&1 ; } 2>${quote(join(dir, 'time'))}; echo $?`;
    const status = Number(execFileSync('bash', ['-c', script], { encoding: 'utf8', timeout: timeoutMs }).trim());
    const [u, s] = readFileSync(join(dir, 'time'), 'utf8').trim().split(/\s+/).map(Number);
    return { cpuSeconds: (u ?? NaN) + (s ?? NaN), status, output: readFileSync(out, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Medians of a paired measurement: see pairedCpu. */
export interface PairedCpu {
  /** Median CPU seconds of the base command. */
  readonly base: number;
  /** Median CPU seconds of the work command. */
  readonly work: number;
  /** Median of the differences work - base, each taken from two runs next to each other. */
  readonly net: number;
}

/**
 * What `work` costs beyond `base` (the same process doing less: starting, loading
 * a table): `runs` pairs, each a run of `base` then one of `work`, and the median
 * of the pairs' differences. Subtracting medians taken apart instead lets a slow
 * phase of the machine during one set move the difference by as much as the
 * difference itself. Both checks see every run and throw when the
 * work was not done (a wrong result, a limit hit): the bench then fails loudly
 * instead of printing a number that means nothing.
 */
export function pairedCpu(
  base: readonly string[],
  work: readonly string[],
  runs: number,
  checkBase: (r: ProcessRun) => void,
  checkWork: (r: ProcessRun) => void,
): PairedCpu {
  const bases: number[] = [];
  const works: number[] = [];
  const nets: number[] = [];
  for (let i = 0; i < runs; i++) {
    const b = runOnce(base);
    checkBase(b);
    const w = runOnce(work);
    checkWork(w);
    bases.push(b.cpuSeconds);
    works.push(w.cpuSeconds);
    nets.push(w.cpuSeconds - b.cpuSeconds);
  }
  return { base: median(bases), work: median(works), net: median(nets) };
}

/** One line comparing us with a peer measured in the same run: both figures and their ratio. */
export function pairLine(name: string, ours: number, peer: number, unit: string, peerName: string, note = ''): string {
  return `${name.padEnd(52)} ours ${fmt(ours)} ${unit}, ${peerName} ${fmt(peer)} ${unit}: ${peerName}/ours ${(peer / ours).toFixed(2)}x${note ? `  ${note}` : ''}`;
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toPrecision(3));
