// Random register sequences for the hot-plug differential, from a fixed seed:
// reads at random widths and offsets of the block, selector / flags / command /
// data writes and writes of random width, offset and value, GPE0 accesses, and
// device_add / device_del / queries / system_reset in between. The same seed
// always gives the same sequences, so a failure names a sequence that can be
// replayed.
//
// Under TCG QEMU 7.2 must not eject (it crashes afterwards; peers/README.md §3):
// with `noEject`, bit 3 (eject) is cleared in every byte that lands on the flags
// register, and nothing else changes.

import type { Layout } from './hotplug-diff-side.ts';
import type { InOp, OutOp, Step } from './hotplug-diff-run.ts';
import { CPU_TYPE, Regs } from './hotplug-diff-scenarios.ts';
import type { Rng } from '../support/prng.ts';


export interface RandomOptions {
  readonly layout: Layout;
  /** maxcpus: slots 0..slots-1 are socket 0, core N, thread 0. */
  readonly slots: number;
  readonly noEject: boolean;
}

const FLAG_VALUES = [0x01, 0x02, 0x04, 0x08, 0x10, 0x06, 0x0c, 0x0e, 0x12, 0x14, 0x18, 0x1e, 0x20, 0xff, 0x00];
const IN_OPS: readonly [InOp, number][] = [['inb', 1], ['inw', 2], ['inl', 4]];
const OUT_OPS: readonly [OutOp, number][] = [['outb', 1], ['outw', 2], ['outl', 4]];
const QUERIES = ['query-hotpluggable-cpus', 'query-acpi-ospm-status', 'query-cpus-fast'];
const FLAGS_OFFSET = 4;

function sizeMask(n: number): number {
  return n === 4 ? 0xffffffff : (1 << (8 * n)) - 1;
}

/** Clears bit 3 of the byte of `value` that a write at `offset` puts on the flags register. */
export function withoutEject(offset: number, width: number, value: number): number {
  if (offset > FLAGS_OFFSET || offset + width <= FLAGS_OFFSET) return value;
  return (value & ~(0x08 << (8 * (FLAGS_OFFSET - offset)))) >>> 0;
}

/** A value for a write of `width` bytes: mostly small, sometimes anything. */
function value(rng: Rng, width: number, slots: number): number {
  const v = rng.chance(0.5) ? rng.below(slots + 2) : rng.chance(0.5) ? rng.pick(FLAG_VALUES) : rng.u32();
  return (v & sizeMask(width)) >>> 0;
}

/** One random sequence of 20 to 59 steps. */
export function randomSequence(rng: Rng, o: RandomOptions): Step[] {
  const base = o.layout.cpu;
  const steps: Step[] = [];
  const write = (op: OutOp, width: number, offset: number, v: number): Step => ({
    out: [op, base + offset, o.noEject ? withoutEject(offset, width, v) : v],
  });
  const id = (core: number) => (rng.chance(0.85) ? `r${core}` : rng.pick(['r1', 'r2', 'other']));
  const length = 20 + rng.below(40);
  for (let k = 0; k < length; k++) {
    const roll = rng.below(100);
    if (roll < 28) {
      const [op] = rng.pick(IN_OPS);
      // Mostly inside the 12-byte block, sometimes just past it.
      const offset = rng.chance(0.92) ? rng.below(12) : 12 + rng.below(4);
      steps.push({ in: [op, base + offset] });
    } else if (roll < 40) {
      const [op, width] = rng.chance(0.7) ? OUT_OPS[2]! : rng.pick(OUT_OPS);
      const v = rng.chance(0.85) ? rng.below(o.slots + 2) : rng.u32() & sizeMask(width);
      steps.push(write(op, width, 0, v >>> 0));
    } else if (roll < 50) {
      steps.push(write('outb', 1, FLAGS_OFFSET, rng.chance(0.8) ? rng.pick(FLAG_VALUES) : rng.below(256)));
    } else if (roll < 58) {
      steps.push(write('outb', 1, 5, rng.chance(0.85) ? rng.below(4) : rng.below(256)));
    } else if (roll < 64) {
      steps.push(write('outl', 4, 8, rng.chance(0.6) ? rng.below(0x100) : rng.u32()));
    } else if (roll < 72) {
      const [op, width] = rng.pick(OUT_OPS);
      const offset = rng.below(12);
      steps.push(write(op, width, offset, value(rng, width, o.slots)));
    } else if (roll < 75) {
      const [op, width] = rng.pick(IN_OPS);
      steps.push({ in: [op, o.layout.gpeSts + rng.below(2 * o.layout.gpeHalf - width + 1)] });
    } else if (roll < 77) {
      steps.push({ out: ['outb', o.layout.gpeSts, rng.chance(0.7) ? 0x04 : rng.below(256)] });
    } else if (roll < 78) {
      steps.push({ out: ['outb', o.layout.gpeEn, rng.chance(0.5) ? 0x04 : rng.below(256)] });
    } else if (roll < 87) {
      const core = rng.below(o.slots + 1); // slots: out of range
      const anonymous = rng.chance(0.1);
      steps.push({
        qmp: 'device_add',
        args: { driver: CPU_TYPE, ...(anonymous ? {} : { id: id(core) }), 'socket-id': 0, 'core-id': core, 'thread-id': 0 },
      });
    } else if (roll < 96) {
      const core = rng.below(o.slots);
      steps.push({ qmp: 'device_del', args: { id: rng.chance(0.8) ? id(core) : { $qomPathOfCore: core } } });
    } else if (roll < 99) {
      steps.push({ qmp: rng.pick(QUERIES) });
    } else {
      // A reset, and the firmware's chipset writes that follow it.
      steps.push({ qmp: 'system_reset' }, ...new Regs(o.layout).fwinit());
    }
  }
  return steps;
}
