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
