// Implicit and explicit data conversions (ACPI 6.5 §19.3.5.7, and ACPICA's
// exconvrt.c / utstrsuppt.c where the spec leaves room): Integer ↔ String ↔ Buffer.
import { AmlError, typeMismatch } from './errors.ts';
import { type AmlBuffer, type AmlPackage, type AmlValue, assertNever, typeName, UNINITIALIZED } from './types.ts';

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';

/** Accumulates digits of `base` until a non-digit or until the value would exceed `width` bits. */
function accumulate(s: string, i: number, base: 10 | 16, width: number): bigint {
  const max = (1n << BigInt(width)) - 1n;
  const b = BigInt(base);
  let v = 0n;
  for (; i < s.length; i++) {
    const d = parseInt(s[i]!, base);
    if (Number.isNaN(d)) break;
    const next = v * b + BigInt(d);
    if (next > max) break; // ACPICA: on overflow keep what was accumulated
    v = next;
  }
  return v;
}

/** Implicit String → Integer: hex digits (a 0x prefix tolerated), stopping at the first non-digit. */
export function implicitStringToInteger(s: string, width: number): bigint {
  let i = 0;
  while (i < s.length && isSpace(s[i]!)) i++;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) i += 2;
  return accumulate(s, i, 16, width);
}

/** ToInteger(String): decimal, or hex with a 0x prefix. */
export function explicitStringToInteger(s: string, width: number): bigint {
  let i = 0;
  while (i < s.length && isSpace(s[i]!)) i++;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) return accumulate(s, i + 2, 16, width);
  return accumulate(s, i, 10, width);
}

/** Buffer → Integer: the first 8 (or 4) bytes, little-endian. */
export function bytesToInteger(b: Uint8Array, width: number): bigint {
  const n = Math.min(b.length, width / 8);
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  return v;
}

/** Integer → Buffer of the integer width, little-endian. */
export function integerToBytes(v: bigint, width: number): Uint8Array {
  const out = new Uint8Array(width / 8);
  for (let i = 0; i < out.length; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** String → Buffer: the characters and a terminating NUL (ACPICA copies it, and AML relies on it). */
export function stringToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length + 1);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

const hexByte = (b: number) => b.toString(16).toUpperCase().padStart(2, '0');

/** Integer → String as implicit conversion and ToHexString make it: all digits, upper case. */
export const integerToHex = (v: bigint, width: number): string =>
  v.toString(16).toUpperCase().padStart(width / 4, '0');

/** Buffer → String: "0x01 0x02" (implicit) or "0x01,0x02" (ToHexString), as ACPICA. */
export const bytesToHex = (b: Uint8Array, separator: ' ' | ','): string =>
  Array.from(b, (x) => '0x' + hexByte(x)).join(separator);

/**
 * The value a reference stands for when it is used as a data operand: an Index
 * reference's element or byte and, as Windows does, a RefOf reference's data
 * object or Local/Arg (`Arg0 + 1` with Arg0 = RefOf (VALU) reads VALU; ACPICA
 * 20200925 refuses it). Field units behind a RefOf need a read, which
 * DerefOf does; here they stay a reference (and fail as operands). At most
 * MAX_IMPLICIT_HOPS references are followed.
 */
export function derefOperand(v: AmlValue): AmlValue {
  let r = v;
  for (let hops = 0; hops < MAX_IMPLICIT_HOPS && r.kind === 'reference'; hops++) {
    let next: AmlValue | undefined;
    switch (r.to) {
      case 'element': return r.pkg.elements[r.index] ?? UNINITIALIZED;
      case 'byte': {
        const d = r.data;
        const code = d.kind === 'buffer' ? d.value[r.index] : d.value.charCodeAt(r.index);
        return { kind: 'integer', value: BigInt(code ?? 0) };
      }
      case 'node': {
        const o = r.node.obj.kind === 'alias' ? r.node.obj.target.obj : r.node.obj;
        next = o.kind === 'integer' || o.kind === 'string' || o.kind === 'buffer' || o.kind === 'package' || o.kind === 'reference' ? o : undefined;
        break;
      }
      case 'slot': next = r.slots[r.index]; break;
      default: return r;
    }
    if (next === undefined) return r;
    r = next;
  }
  return r;
}

/** References an operand may pass through before it is used as data (a RefOf of a RefOf...). */
const MAX_IMPLICIT_HOPS = 8;

function operandError(v: AmlValue, wanted: string): AmlError {
  if (v.kind === 'uninitialized') return new AmlError('uninitialized', `${wanted} operand is uninitialized`);
  return typeMismatch(`${wanted} operand is a ${typeName(v)}`);
}

/** Integer operand (ACPI 6.5 Table 19.x): Strings parse as hex, Buffers as little-endian bytes. */
export function toInteger(v: AmlValue, width: number): bigint {
  switch (v.kind) {
    case 'integer': return v.value;
    case 'string': return implicitStringToInteger(v.value, width);
    case 'buffer': return bytesToInteger(v.value, width);
    case 'reference': {
      const d = derefOperand(v);
      if (d === v) throw operandError(v, 'Integer');
      return toInteger(d, width);
    }
    case 'package':
    case 'uninitialized':
      throw operandError(v, 'Integer');
    default: return assertNever(v);
  }
}

/** Buffer operand: Integers become 8 (or 4) bytes, Strings their bytes and a NUL. */
export function toBytes(v: AmlValue, width: number): Uint8Array {
  switch (v.kind) {
    case 'integer': return integerToBytes(v.value, width);
    case 'string': return stringToBytes(v.value);
    case 'buffer': return v.value;
    case 'reference': {
      const d = derefOperand(v);
      if (d === v) throw operandError(v, 'Buffer');
      return toBytes(d, width);
    }
    case 'package':
    case 'uninitialized':
      throw operandError(v, 'Buffer');
    default: return assertNever(v);
  }
}

/** String operand: Integers in hex, Buffers as "0xNN 0xNN". */
export function toStr(v: AmlValue, width: number): string {
  switch (v.kind) {
    case 'integer': return integerToHex(v.value, width);
    case 'string': return v.value;
    case 'buffer': return bytesToHex(v.value, ' ');
    case 'reference': {
      const d = derefOperand(v);
      if (d === v) throw operandError(v, 'String');
      return toStr(d, width);
    }
    case 'package':
    case 'uninitialized':
      throw operandError(v, 'String');
    default: return assertNever(v);
  }
}

/** Buffer operand that must stay the same object (CreateField, Index into a buffer). */
export function asBuffer(v: AmlValue, what: string): AmlBuffer {
  const d = derefOperand(v);
  if (d.kind !== 'buffer') throw operandError(d, `${what}: Buffer`);
  return d;
}

export function asPackage(v: AmlValue, what: string): AmlPackage {
  const d = derefOperand(v);
  if (d.kind !== 'package') throw operandError(d, `${what}: Package`);
  return d;
}

/** Three-way comparison of byte strings: first differing byte, then length. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d) return d;
  }
  return a.length - b.length;
}

/**
 * Compares two operands as ACPI's logical operators do (ACPI 6.5 §19.6.69-74): the
 * first operand's type decides, and the second is converted to it.
 */
export function compareValues(a: AmlValue, b: AmlValue, width: number): number {
  const x = derefOperand(a);
  switch (x.kind) {
    case 'integer': {
      const y = toInteger(b, width);
      return x.value < y ? -1 : x.value > y ? 1 : 0;
    }
    case 'string': return compareStrings(x.value, toStr(b, width));
    case 'buffer': return compareBytes(x.value, toBytes(b, width));
    case 'package':
    case 'reference':
    case 'uninitialized':
      throw operandError(x, 'comparison');
    default: return assertNever(x);
  }
}
