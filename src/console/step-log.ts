import type { Step } from './protocol.ts';

/**
 * The steps a page that reconnects can catch up on: the newest CATCH_UP_STEPS,
 * in a ring. A page that was away longer gets a 'gap' for what was dropped (and
 * the whole grid, which is always current). 50,000 steps is about 1,200 hot-adds
 * with their register accesses, some 20 MB.
 */
export const CATCH_UP_STEPS = 50_000;

export class StepLog {
  private readonly ring: (Step | undefined)[];
  private last = 0;

  constructor(private readonly capacity = CATCH_UP_STEPS) {
    this.ring = new Array<Step | undefined>(capacity);
  }

  /** Steps must come with seq = last + 1. */
  add(step: Step): void {
    if (step.seq !== this.last + 1) throw new RangeError(`step ${step.seq} after ${this.last}`);
    this.ring[step.seq % this.capacity] = step;
    this.last = step.seq;
  }

  get lastSeq(): number {
    return this.last;
  }

  /** The oldest step held (lastSeq + 1 when none is). */
  get firstSeq(): number {
    return Math.max(1, this.last - this.capacity + 1);
  }

  /** Steps after `seq`, oldest first, at most `max`. */
  after(seq: number, max: number): Step[] {
    const out: Step[] = [];
    for (let s = Math.max(seq + 1, this.firstSeq); s <= this.last && out.length < max; s++) out.push(this.ring[s % this.capacity]!);
    return out;
  }
}
