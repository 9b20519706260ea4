// What the page knows: every step it received (bounded), the hot-plugs, the
// slots. Steps arrive in sequence; the store checks it and counts any gap.
import type { Group, MachineView, SlotView, Step } from '../protocol.ts';

/**
 * Steps a page keeps: some 3,000 to 5,000 hot-adds with their register accesses.
 * Older ones are dropped from the top of the timeline, with a count in the header.
 */
export const PAGE_STEPS = 250_000;

export class Store {
  machine: MachineView | undefined;
  status = '';
  readonly slots: SlotView[] = [];
  readonly groups = new Map<number, Group>();
  steps: Step[] = [];
  /** The newest step held; steps come in order seq = lastSeq + 1. */
  lastSeq = 0;
  /** Steps that were never received (the server's catch-up log had dropped them). */
  missed = 0;
  /** Steps dropped from the front to stay within PAGE_STEPS. */
  dropped = 0;
  /** Steps that arrived out of order or twice (never expected: counted so a test can see it). */
  disorder = 0;
  received = 0;

  setSlots(views: readonly SlotView[]): number[] {
    const changed: number[] = [];
    for (const v of views) {
      this.slots[v.index] = v;
      changed.push(v.index);
    }
    return changed;
  }

  addGroups(groups: readonly Group[]): void {
    for (const g of groups) this.groups.set(g.id, g);
  }

  gap(first: number, last: number): void {
    if (first !== this.lastSeq + 1 || last < first) {
      this.disorder++;
      return;
    }
    this.missed += last - first + 1;
    this.lastSeq = last;
  }

  /** Adds steps; returns how many were dropped from the front. */
  addSteps(steps: readonly Step[]): number {
    for (const s of steps) {
      if (s.seq !== this.lastSeq + 1) {
        this.disorder++;
        if (s.seq <= this.lastSeq) continue;
        this.missed += s.seq - this.lastSeq - 1;
      }
      this.lastSeq = s.seq;
      this.steps.push(s);
      this.received++;
    }
    if (this.steps.length <= PAGE_STEPS) return 0;
    // A tenth at a time, so the timeline rebuilds its rows once per 25,000 steps, not per batch.
    const over = this.steps.length - Math.floor(PAGE_STEPS * 0.9);
    this.steps = this.steps.slice(over);
    this.dropped += over;
    return over;
  }
}
