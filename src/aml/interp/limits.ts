// What one evaluation may cost, and the counter that enforces it. The bounds are
// deterministic, so whether an evaluation succeeds depends on the AML alone and
// never on how loaded the host is (issue 10: a 5 s wall-clock limit made CPU
// scans fail on a busy machine):
// - operations: every statement a block runs, every While iteration, method call
//   and field datum moved costs one; a top-level evaluation (with whatever it
//   calls) may spend `operations` before 'operation-limit'. A statement's own
//   cost is bounded by its size, which `tableBytes` bounds.
// - loopIterations per While entry ('loop-timeout') and callDepth ('call-depth').
// - tableBytes: a table larger than this is refused before it is decoded
//   ('table-too-large'): decoding and compiling cost time and memory in proportion
//   to the table (about 3 s and 350 MB per MiB of dense AML, measured), and the
//   largest table cpuhp builds (q35 with 4096 vCPUs) is 470 KB.
// - timeMs: wall time, a generous last resort against a host-side stall (a region
//   handler that blocks); read every CLOCK_STRIDE operations.
import { AmlError } from './errors.ts';

export interface Limits {
  /** Iterations one While loop may run before 'loop-timeout' (counted per loop entry, as ACPICA). */
  readonly loopIterations: number;
  /** Method calls that may be active at once before 'call-depth'. */
  readonly callDepth: number;
  /** Operations one top-level evaluation may spend before 'operation-limit'. */
  readonly operations: number;
  /** Largest table loadTable() accepts, in bytes ('table-too-large'). */
  readonly tableBytes: number;
  /** Milliseconds one top-level evaluation may take before 'time-limit': the last resort. */
  readonly timeMs: number;
}

/**
 * 10,000,000 operations took 0.2 s on the 2-core machine where it was measured (a
 * While of ten Stores), and are 60 times what the largest CPU scan spends (160,077:
 * \_GPE._E02 on q35 with 4096 vCPUs, all 4095 hot-added at once).
 */
export const DEFAULT_LIMITS: Limits = Object.freeze({
  loopIterations: 1_000_000,
  callDepth: 256,
  operations: 10_000_000,
  tableBytes: 2 << 20,
  timeMs: 60_000,
});

/**
 * Tables the host's list (LoadTable, DataTableRegion, Load) may hold: a laptop's
 * firmware has about 30, a large server's under 100. Each is at most
 * `tableBytes`, so the list holds at most 256 x 2 MiB.
 */
export const MAX_HOST_TABLES = 256;

/**
 * Tables whose module-level code loads another table (Load, LoadTable) may nest
 * this deep ('call-depth'); firmware nests one or two. A table never loads
 * itself while it is loading ('already-exists').
 */
export const MAX_LOAD_NESTING = 16;

/** How many operations pass between two looks at the monotonic clock. */
const CLOCK_STRIDE = 1024;

/** Completes `given` with the defaults; throws AmlError('bad-argument') for a value that is not a positive number. */
export function resolveLimits(given: Partial<Limits> = {}): Limits {
  const limits = { ...DEFAULT_LIMITS, ...given };
  for (const [k, v] of Object.entries(limits)) {
    if (!Number.isFinite(v) || v <= 0) throw new AmlError('bad-argument', `limits.${k} must be a positive number, got ${v}`);
  }
  return Object.freeze(limits);
}

/** The operations and wall time one top-level evaluation has spent. */
export class Budget {
  private spent = 0;
  private sinceClock = 0;
  private deadline = 0;

  constructor(private readonly limits: Limits) {}

  /** A new top-level evaluation starts. */
  start(): void {
    this.spent = 0;
    this.sinceClock = 0;
    this.deadline = performance.now() + this.limits.timeMs;
  }

  /** Charges `n` operations; throws AmlError('operation-limit'), or 'time-limit' as the last resort. */
  spend(n: number): void {
    this.spent += n;
    if (this.spent > this.limits.operations) {
      throw new AmlError('operation-limit', `evaluation exceeded its budget of ${this.limits.operations} operations`);
    }
    this.sinceClock += n;
    if (this.sinceClock >= CLOCK_STRIDE) {
      this.sinceClock = 0;
      if (performance.now() > this.deadline) {
        throw new AmlError('time-limit', `evaluation exceeded the ${this.limits.timeMs} ms time limit`);
      }
    }
  }
}

/** Refuses a table larger than limits.tableBytes, before anything reads it. */
export function checkTableSize(bytes: Uint8Array, limits: Limits): void {
  if (bytes.length > limits.tableBytes) {
    throw new AmlError('table-too-large', `a table of ${bytes.length} bytes exceeds the limit of ${limits.tableBytes} bytes (limits.tableBytes)`);
  }
}
