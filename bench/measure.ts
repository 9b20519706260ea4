import { performance } from 'node:perf_hooks';

export interface BenchResult {
  readonly name: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly runs: number;
  readonly note?: string;
}

/** This process's CPU time in ms (user + system, every thread): what other load on the machine does not inflate. */
function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** The middle value (the upper one of an even count). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median and minimum of samples in ms, as a BenchResult. */
export function summarize(name: string, samples: readonly number[], note?: string): BenchResult {
  const s = [...samples].sort((a, b) => a - b);
  return { name, medianMs: s[Math.floor(s.length / 2)]!, minMs: s[0]!, runs: s.length, ...(note !== undefined ? { note } : {}) };
}

/** Runs `fn` a few times to warm up, then until ~1 s or 50 runs, and reports the median CPU time of a run. */
export function measure(name: string, fn: () => void, { warmup = 3, maxRuns = 50, budgetMs = 1000 } = {}): BenchResult {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < maxRuns && (times.length < 5 || performance.now() - start < budgetMs)) {
    const t0 = cpuNow();
    fn();
    times.push(cpuNow() - t0);
  }
  return summarize(name, times);
}

/**
 * The median CPU time of `fn` on a fresh `setup()` each run (not timed): for
 * what happens once per object, such as a method's first call after its table loads.
 */
export function measureFresh<T>(name: string, setup: () => T, fn: (t: T) => void, runs = 7): BenchResult {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = setup();
    const t0 = cpuNow();
    fn(t);
    times.push(cpuNow() - t0);
  }
  return summarize(name, times);
}

export function report(results: readonly BenchResult[]): void {
  for (const r of results) {
    console.log(`${r.name.padEnd(48)} median ${r.medianMs.toFixed(2).padStart(8)} ms  min ${r.minMs.toFixed(2).padStart(8)} ms  (${r.runs} runs)${r.note ? `  ${r.note}` : ''}`);
  }
}
