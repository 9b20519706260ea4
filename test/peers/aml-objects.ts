// Finds one named object (Device, Method, Scope...) in a table's AML by its
// opcode and name, without an interpreter: the opcode, a PkgLength, then the
// exact NameString bytes. Used to compare single objects across two DSDTs.
import { nameString } from '../../src/aml/encode/index.ts';

const SDT_HEADER_LENGTH = 36;

/** Decodes a PkgLength at `at`: its value and how many bytes it took. */
export function decodePkgLength(aml: Uint8Array, at: number): { value: number; size: number } | undefined {
  const lead = aml[at];
  if (lead === undefined) return undefined;
  const follow = lead >> 6;
  if (follow === 0) return { value: lead & 0x3f, size: 1 };
  if (lead & 0x30) return undefined; // bits 5-4 must be 0 in the multi-byte form
  let value = lead & 0x0f;
  for (let i = 1; i <= follow; i++) {
    const b = aml[at + i];
    if (b === undefined) return undefined;
    value |= b << (4 + 8 * (i - 1));
  }
  return { value, size: follow + 1 };
}

/**
 * The bytes of the object `opcode PkgLength name ...` in a definition block, from
 * its opcode to the end of its package. Throws unless exactly one candidate fits.
 */
export function findNamedObject(table: Uint8Array, opcode: readonly number[], name: string): Uint8Array {
  const nameBytes = nameString(name);
  const hits: Uint8Array[] = [];
  for (let i = SDT_HEADER_LENGTH; i + opcode.length < table.length; i++) {
    if (!opcode.every((b, k) => table[i + k] === b)) continue;
    const pkg = decodePkgLength(table, i + opcode.length);
    if (!pkg) continue;
    const nameAt = i + opcode.length + pkg.size;
    if (!nameBytes.every((b, k) => table[nameAt + k] === b)) continue;
    const end = i + opcode.length + pkg.value;
    if (end > table.length) continue;
    hits.push(table.subarray(i, end));
  }
  if (hits.length !== 1) throw new Error(`expected one object ${name}, found ${hits.length}`);
  return hits[0]!;
}

export const DEVICE_OP = [0x5b, 0x82] as const;
export const METHOD_OP = [0x14] as const;
