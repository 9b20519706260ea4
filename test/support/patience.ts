// Waits on peers (a QEMU starting, a Linux guest booting, a reply) are bounds against
// hangs, never speed checks. On a machine busy with other work every peer is slower,
// so each bound is stretched by the load: the 1-minute load average per core, at
// least 1. A bound is read when a wait starts, so a wait that starts under load
// gets the longer one.
import { availableParallelism, loadavg } from 'node:os';

/** Extra stretch for CI=true: CI machines are shared and must not fail on a slow peer. */
const CI_FACTOR = 2;

export function loadFactor(): number {
  const perCore = (loadavg()[0] ?? 0) / Math.max(1, availableParallelism());
  return Math.max(1, perCore) * (process.env.CI === 'true' ? CI_FACTOR : 1);
}

/** `ms` stretched by the machine's load (see above). */
export function patience(ms: number): number {
  return Math.ceil(ms * loadFactor());
}
