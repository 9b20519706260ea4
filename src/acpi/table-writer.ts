import { AmlWriter, encodeAll, type AmlNode } from '../aml/encode/index.ts';
import { AcpiTableError } from './errors.ts';

/** A 64-bit table field: a bigint, or a number that is a safe integer. */
export type U64 = bigint | number;

const U64_MAX = 0xffff_ffff_ffff_ffffn;

/**
 * Appends table fields in order. Every integer is range-checked against its
 * width with the field's name in the message (an AcpiTableError, not the AML
 * encoder's error), then handed to AmlWriter, the one place that decides
 * byte order (little-endian).
 */
export class TableWriter {
  private readonly w: AmlWriter;

  /** `size`: the expected length, so a fixed-size structure is built in one buffer of its size. */
  constructor(size?: number) {
    this.w = new AmlWriter(size);
  }

  get length(): number {
    return this.w.length;
  }

  u8(field: string, v: number): this {
    this.w.u8(checkUInt(field, v, 0xff));
    return this;
  }

  u16(field: string, v: number): this {
    this.w.u16(checkUInt(field, v, 0xffff));
    return this;
  }

  u32(field: string, v: number): this {
    this.w.u32(checkUInt(field, v, 0xffff_ffff));
    return this;
  }

  u64(field: string, v: U64): this {
    this.w.u64(toU64(field, v));
    return this;
  }

  /** A fixed-width text field: exactly `length` ASCII characters, no padding added. */
  ascii(field: string, s: string, length: number): this {
    this.w.bytes(asciiBytes(field, s, length));
    return this;
  }

  /** Reserved bytes, written as zero. */
  zeros(count: number): this {
    this.w.zeros(count);
    return this;
  }

  bytes(b: Uint8Array): this {
    this.w.bytes(b);
    return this;
  }

  /** AML terms, encoded straight into the table (a DSDT's body is not built apart and copied). */
  aml(nodes: readonly AmlNode[]): this {
    encodeAll(this.w, nodes);
    return this;
  }

  /** Asserts that the next field starts at `offset`: keeps the code and the offset table in step. */
  at(offset: number, field: string): this {
    if (this.length !== offset) {
      throw new AcpiTableError('length-mismatch', `${field} would be written at ${this.length}, spec offset is ${offset}`);
    }
    return this;
  }

  finish(): Uint8Array {
    return this.w.finish();
  }
}

/** Overwrites a u32 inside finished bytes (lengths and addresses patched last). */
export function patchU32(bytes: Uint8Array, offset: number, field: string, v: number): void {
  bytes.set(new TableWriter().u32(field, v).finish(), offset);
}

/**
 * Checks a text field: exactly `length` characters, each printable ASCII or NUL
 * (QEMU pads user-given OEM IDs with NUL; ours are padded by the caller).
 */
export function asciiBytes(field: string, s: string, length: number): Uint8Array {
  if (s.length !== length) {
    throw new AcpiTableError('bad-string', `${field} ${JSON.stringify(s)} must be exactly ${length} characters (pad it)`);
  }
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0 && (c < 0x20 || c > 0x7e)) {
      throw new AcpiTableError('bad-string', `${field} ${JSON.stringify(s)} has a character outside printable ASCII`);
    }
    out[i] = c;
  }
  return out;
}

/** Throws unless a written structure has exactly its spec size (rust-vmm's assert_same_size!). */
export function assertLength(what: string, bytes: Uint8Array, expected: number): Uint8Array {
  if (bytes.length !== expected) {
    throw new AcpiTableError('length-mismatch', `${what} is ${bytes.length} bytes, the spec says ${expected}`);
  }
  return bytes;
}

export function checkUInt(field: string, v: number, max: number): number {
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new AcpiTableError('out-of-range', `${field} ${v} is out of range 0..0x${max.toString(16)}`);
  }
  return v;
}

function toU64(field: string, v: U64): bigint {
  if (typeof v === 'number' && !Number.isSafeInteger(v)) {
    throw new AcpiTableError('out-of-range', `${field} ${v} is not a safe integer; pass a bigint`);
  }
  const b = BigInt(v);
  if (b < 0n || b > U64_MAX) {
    throw new AcpiTableError('out-of-range', `${field} ${v} is out of range 0..0xffffffffffffffff`);
  }
  return b;
}
