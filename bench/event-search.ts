// Command 0 (get next CPU with event) over 4096 slots with k = 1, 64 and 4096 pending
// insert events. Both sides run the same register block (src/hotplug/registers.ts,
// what the controller runs, tracing off); only the pending index differs: our
// two-level bitset (src/hotplug/status.ts) against QEMU's linear do/while loop from
// cpu_hotplug_wr, written out below.
//
// Workloads, as a guest drives them:
// - "drain from 0": select 0, command 0, read CDAT and the flags, clear the event it
//   found, repeat until nothing is pending (k + 1 searches). Restarting at selector 0
//   after every hit is the register spec's "get a CPU with pending event" use-case
//   run in a loop, and costs QEMU O(k * n) slot checks: this is the workload the
//   ">= 100x fewer slots visited" aim is measured on.
// - "from every selector": select s, command 0, read CDAT for s = 0..4095, no
//   clearing. With k = 4096 every search hits its own selector and both sides do one
//   check: the index cannot win there, and the row shows what it costs.
//   (Our AML's CSCN resumes after its last hit, which costs QEMU only O(n) per sweep.)
//
// "Probes" are what a search examines: one slot per check for the linear scan, one
// 32-bit word load for the bitset. Both sides' results are compared search by search
// before anything is timed.
import { ModernBlock } from '../src/hotplug/registers.ts';
import { SlotTable, type PendingIndex } from '../src/hotplug/status.ts';
import { measure, type BenchResult } from './measure.ts';

const SLOTS = 4096;
const CSEL = 0, FLAGS = 4, CCMD = 5, CDAT = 8;
/** Enough searches per timed run that a run takes well over the timer's resolution. */
const MIN_SEARCHES_PER_RUN = 20_000;

/** QEMU's search: every slot from the selector on, wrapping, one check each. */
class LinearScan implements PendingIndex {
  private readonly bits: Uint8Array;
  probes = 0;
  constructor(private readonly size: number) {
    this.bits = new Uint8Array(size);
  }
  has(i: number): boolean { return this.bits[i] === 1; }
  set(i: number, pending: boolean): void { this.bits[i] = pending ? 1 : 0; }
  findWrapping(start: number): number {
    let iter = start;
    do {
      this.probes++;
      if (this.bits[iter] === 1) return iter;
      iter = iter + 1 < this.size ? iter + 1 : 0;
    } while (iter !== start);
    return -1;
  }
}

interface Rig {
  readonly table: SlotTable;
  readonly block: ModernBlock;
}

function rig(linear: boolean): Rig {
  const table = new SlotTable(Array.from({ length: SLOTS }, (_, i) => i), linear ? (n) => new LinearScan(n) : undefined);
  for (let i = 0; i < SLOTS; i++) table.setEnabled(i, true);
  return { table, block: new ModernBlock(table, { bootIndex: 0, presentBit: () => false, eject: () => {}, ost: () => {} }) };
}

type Workload = (b: ModernBlock, found?: number[]) => number;

/** Drain from selector 0 each time; returns the number of searches. */
const drainFromZero: Workload = (b, found) => {
  for (let searches = 1; ; searches++) {
    b.write(CSEL, 0);
    b.write(CCMD, 0);
    const idx = b.read(CDAT);
    if ((b.read(FLAGS) & 2) === 0) return searches;
    found?.push(idx);
    b.write(FLAGS, 2);
  }
};

/** Command 0 from every selector, no clearing; returns the number of searches. */
const fromEverySelector: Workload = (b, found) => {
  for (let s = 0; s < SLOTS; s++) {
    b.write(CSEL, s);
    b.write(CCMD, 0);
    const idx = b.read(CDAT);
    found?.push(idx);
  }
  return SLOTS;
};

/** k events spread evenly, each at the end of its stride (k = 1: slot 4095). */
const spread = (k: number): number[] => Array.from({ length: k }, (_, j) => Math.floor(((j + 1) * SLOTS) / k) - 1);

function arm(r: Rig, slots: readonly number[]): void {
  for (const i of slots) r.table.setInserting(i, true);
}

function compare(name: string, workload: Workload, k: number): BenchResult[] {
  const slots = spread(k);
  const once = (linear: boolean) => {
    const r = rig(linear);
    arm(r, slots);
    const found: number[] = [];
    const searches = workload(r.block, found);
    return { found, searches, probes: r.table.pending.probes };
  };
  const linear = once(true);
  const bitset = once(false);
  if (linear.found.join() !== bitset.found.join()) {
    throw new Error(`${name}, k=${k}: the bitset search disagrees with QEMU's linear scan`);
  }
  const reps = Math.max(1, Math.ceil(MIN_SEARCHES_PER_RUN / linear.searches));
  const timed = (label: string, isLinear: boolean, probes: number): BenchResult => {
    const r = rig(isLinear);
    const result = measure(`event search ${name}, k=${k}: ${label}`, () => {
      for (let i = 0; i < reps; i++) {
        arm(r, slots); // the drain clears them: the same O(k) re-arm on both sides
        workload(r.block);
      }
    });
    const ns = (result.medianMs * 1e6) / (reps * linear.searches);
    return { ...result, note: `${reps}x${linear.searches} searches, ${ns.toFixed(0)} ns/search, ${(probes / linear.searches).toFixed(1)} probes/search` };
  };
  const ours = timed('bitset', false, bitset.probes);
  return [
    timed('linear (QEMU)', true, linear.probes),
    { ...ours, note: `${ours.note}, ${(linear.probes / bitset.probes).toFixed(0)}x fewer than linear` },
  ];
}

export function benchEventSearch(): BenchResult[] {
  const out: BenchResult[] = [];
  for (const k of [1, 64, 4096]) out.push(...compare('drain from 0', drainFromZero, k));
  for (const k of [1, 64, 4096]) out.push(...compare('from every selector', fromEverySelector, k));
  return out;
}
