import { AmlWriter } from './writer.ts';

/** An AML construct: a small immutable value with one way to serialize itself. */
export interface AmlNode {
  encode(w: AmlWriter): void;
}

/** Serializes nodes, in order, into a fresh byte array. */
export function toBytes(...nodes: readonly AmlNode[]): Uint8Array {
  const w = new AmlWriter();
  for (const n of nodes) n.encode(w);
  return w.finish();
}

/** Writes a list of terms (a TermList, ByteList of nodes, ...). */
export function encodeAll(w: AmlWriter, nodes: readonly AmlNode[]): void {
  for (const n of nodes) n.encode(w);
}

/**
 * Terms made from `items` one at a time as they are written, each garbage as soon
 * as it is: a table of 4096 processors never holds all their nodes at once (it
 * did, and the collector's work grew faster than the CPU count).
 */
export class Generated<T> implements AmlNode {
  constructor(
    private readonly items: readonly T[],
    private readonly make: (item: T) => AmlNode,
  ) {}

  encode(w: AmlWriter): void {
    for (const item of this.items) this.make(item).encode(w);
  }
}
