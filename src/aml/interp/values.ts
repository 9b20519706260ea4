// Helpers for hosts building arguments, and the check of values they pass in:
// host input is validated like guest input, so a malformed value becomes an
// AmlError('bad-argument') and never reaches the evaluator.
import { AmlError } from './errors.ts';
import type { AmlBuffer, AmlInteger, AmlPackage, AmlString, AmlValue } from './types.ts';

/** An Integer argument; numbers must be safe integers, and values fit in 64 bits. */
export function integer(v: bigint | number): AmlInteger {
  const b = typeof v === 'number' ? (Number.isSafeInteger(v) ? BigInt(v) : NaN) : v;
  if (typeof b !== 'bigint' || b < 0n || b > 0xffffffffffffffffn) {
    throw new AmlError('bad-argument', `${String(v)} is not an integer in 0..2^64-1`);
  }
  return { kind: 'integer', value: b };
}

export const string = (value: string): AmlString => ({ kind: 'string', value });
export const buffer = (bytes: Uint8Array | readonly number[]): AmlBuffer => ({ kind: 'buffer', value: Uint8Array.from(bytes) });
export const pkg = (elements: readonly AmlValue[]): AmlPackage => ({ kind: 'package', elements: [...elements] });

/** Checks a value from the host, recursively (packages nest at most 64 deep). */
export function checkArgument(v: unknown, what: string, depth = 0): AmlValue {
  const bad = (why: string) => new AmlError('bad-argument', `${what}: ${why}`);
  if (depth > 64) throw bad('packages nested too deep');
  if (typeof v !== 'object' || v === null || !('kind' in v)) throw bad('not an AmlValue');
  const a = v as AmlValue;
  switch (a.kind) {
    case 'integer':
      if (typeof a.value !== 'bigint' || a.value < 0n || a.value > 0xffffffffffffffffn) throw bad('integer value must be a bigint in 0..2^64-1');
      return a;
    case 'string':
      if (typeof a.value !== 'string' || !/^[\x01-\x7f]*$/.test(a.value)) throw bad('string must be ASCII without NUL');
      return a;
    case 'buffer':
      if (!(a.value instanceof Uint8Array)) throw bad('buffer value must be a Uint8Array');
      return a;
    case 'package':
      if (!Array.isArray(a.elements)) throw bad('package elements must be an array');
      a.elements.forEach((e, i) => checkArgument(e, `${what}[${i}]`, depth + 1));
      return a;
    case 'uninitialized':
      return a;
    case 'reference':
      throw bad('references cannot be passed in from the host');
    default:
      throw bad(`unknown kind ${String((a as { kind: unknown }).kind)}`);
  }
}
