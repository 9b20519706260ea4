// Waits that scale with the machine's load. A wait that is generous on an idle
// machine is too short on one kept busy by other jobs (issue 10: 35 of 1652 tests
// failed on a loaded machine because a peer took longer than a fixed 10 s to
// start). `scaled(ms)` stretches a wait by the run queue per core (1-minute load
// average / cores, at least 1, at most MAX_FACTOR), read when the wait starts,
// and by CPUHP_TIMEOUT_SCALE if set (e.g. 3 under a debugger or valgrind-like
// tools). Waits for progress (a reply, a line) should use it; nothing may assert
// that something was fast.

import { availableParallelism, loadavg } from 'node:os';

/** However loaded the machine, a wait is stretched at most this much by load. */
const MAX_FACTOR = 8;

/** The factor by which waits are stretched now. */
export function loadFactor(): number {
  const perCore = loadavg()[0]! / Math.max(1, availableParallelism());
  const env = Number(process.env['CPUHP_TIMEOUT_SCALE'] ?? '1');
  return Math.min(MAX_FACTOR, Math.max(1, perCore)) * (Number.isFinite(env) && env > 0 ? env : 1);
}

/** `ms` (a wait that suffices on an idle machine) stretched by the load now. */
export function scaled(ms: number): number {
  return Math.round(ms * loadFactor());
}
