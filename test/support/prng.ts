// mulberry32: a small, well-mixed 32-bit PRNG. Every seeded random sequence in the
// tests, benches and scripts comes from here, so a seed means the same thing everywhere.

export class Rng {
  constructor(private state: number) {}

  u32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 2 ** 32;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return this.u32() % n;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** A function returning floats in [0, 1) from `seed`. */
export function mulberry32(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}
