// Field units and buffer fields (ACPI 6.5 §19.6.46-48, §19.6.16): reading and
// writing them one access-width datum at a time, with the update rules. The
// algorithm is ACPICA's (exfldio.c AcpiExExtractFromField / AcpiExInsertIntoField):
// datums are aligned to the access width, taken from the lowest address up, and a
// partial datum is completed by the field's update rule (Preserve reads it back).
import { AmlError, typeMismatch } from './errors.ts';
import { derefOperand } from './convert.ts';
import type { Runtime } from './runtime.ts';
import { type AmlValue, type BufferFieldObject, type FieldUnitObject, int, assertNever } from './types.ts';


const PRESERVE = 0, WRITE_AS_ONES = 1, WRITE_AS_ZEROS = 2;

const mask = (bits: number): bigint => (1n << BigInt(bits)) - 1n;

/** First datum (byte offset, aligned to the access width), first bit in it, and datum count. */
function layout(f: FieldUnitObject): { first: number; start: number; count: number } {
  const w = f.accessBytes;
  const byte = Math.floor(f.bitOffset / 8);
  const first = byte - (byte % w);
  const start = f.bitOffset - first * 8;
  return { first, start, count: Math.ceil((start + f.bitLength) / (w * 8)) };
}

function datumRead(rt: Runtime, f: FieldUnitObject, byteOffset: number): bigint {
  const b = f.backing;
  switch (b.via) {
    case 'region':
      return rt.io.read(b.region, byteOffset, f.accessBytes);
    case 'bank':
      writeBits(rt, b.bank, b.bankValue);
      return rt.io.read(b.region, byteOffset, f.accessBytes);
    case 'index':
      // The index register takes the byte offset of the datum (ACPICA exfldio.c).
      writeBits(rt, b.index, BigInt(byteOffset));
      return BigInt.asUintN(f.accessBytes * 8, readBits(rt, b.data));
    default:
      return assertNever(b);
  }
}

function datumWrite(rt: Runtime, f: FieldUnitObject, byteOffset: number, value: bigint): void {
  const b = f.backing;
  switch (b.via) {
    case 'region':
      rt.io.write(b.region, byteOffset, f.accessBytes, value);
      return;
    case 'bank':
      writeBits(rt, b.bank, b.bankValue);
      rt.io.write(b.region, byteOffset, f.accessBytes, value);
      return;
    case 'index':
      writeBits(rt, b.index, BigInt(byteOffset));
      writeBits(rt, b.data, value);
      return;
    default:
      assertNever(b);
  }
}

/** Widest field read or written as one number; wider ones go byte by byte (linear, not quadratic). */
const NARROW_BITS = 64;

/** Largest field unit a read or write may move: bounds host memory and time, like MAX_OBJECT_SIZE. */
export const MAX_FIELD_BYTES = 1 << 24;

function checkFieldSize(f: FieldUnitObject): void {
  if (f.bitLength > MAX_FIELD_BYTES * 8) {
    throw new AmlError('bad-argument', `a field of ${f.bitLength} bits is larger than the ${MAX_FIELD_BYTES}-byte limit`);
  }
}

/**
 * What every access to a narrow field (its bits and their offset in the first
 * datum within NARROW_BITS) works with, computed on its first access: a
 * hot-plug scan reads and writes the same few fields thousands of times.
 */
interface NarrowPlan {
  readonly first: number;
  readonly count: number;
  /** Offset of the field's first bit in the first datum. */
  readonly start: bigint;
  /** Datum width in bits. */
  readonly bw: bigint;
  /** A datum's bits. */
  readonly wmask: bigint;
  /** The field's width in bits, as a mask. */
  readonly low: bigint;
  /** The field's bits where they sit in the datums. */
  readonly fieldMask: bigint;
}

/** Plans by field; null for a wide field. Weak: a field unloaded with its table takes its plan with it. */
const plans = new WeakMap<FieldUnitObject, NarrowPlan | null>();

function narrowPlan(f: FieldUnitObject): NarrowPlan | null {
  let plan = plans.get(f);
  if (plan === undefined) {
    const { first, start, count } = layout(f);
    const low = mask(f.bitLength);
    plan = start + f.bitLength > NARROW_BITS ? null : {
      first, count, start: BigInt(start), bw: BigInt(f.accessBytes * 8), wmask: mask(f.accessBytes * 8), low, fieldMask: low << BigInt(start),
    };
    plans.set(f, plan);
  }
  return plan;
}

/** The field's bits as an unsigned number (fields of up to 64 bits plus their offset in a datum). */
export function readBits(rt: Runtime, f: FieldUnitObject): bigint {
  const p = narrowPlan(f);
  if (!p) return bytesToBig(readWide(rt, f));
  if (p.count === 0) return 0n; // a field of no bits reads nothing
  let raw = datumRead(rt, f, p.first);
  for (let i = 1; i < p.count; i++) raw |= datumRead(rt, f, p.first + i * f.accessBytes) << (BigInt(i) * p.bw);
  return (raw >> p.start) & p.low;
}

/** Writes the low bitLength bits of `value`; bits of a partial datum follow the update rule. */
export function writeBits(rt: Runtime, f: FieldUnitObject, value: bigint): void {
  const p = narrowPlan(f);
  if (!p) return writeWide(rt, f, bigToBytes(value & mask(f.bitLength), Math.ceil(f.bitLength / 8)));
  const bits = (value & p.low) << p.start;
  if (p.count === 1) return writeDatum(rt, f, p.first, bits & p.wmask, p.fieldMask & p.wmask, p.wmask);
  for (let i = 0; i < p.count; i++) {
    const shift = BigInt(i) * p.bw;
    writeDatum(rt, f, p.first + i * f.accessBytes, (bits >> shift) & p.wmask, (p.fieldMask >> shift) & p.wmask, p.wmask);
  }
}

/** One datum write: the bits under `m` come from `d`, the others from the update rule. */
function writeDatum(rt: Runtime, f: FieldUnitObject, at: number, d: bigint, m: bigint, wmask: bigint): void {
  if (m !== wmask) {
    switch (f.updateRule) {
      case PRESERVE: d |= datumRead(rt, f, at) & ~m & wmask; break;
      case WRITE_AS_ONES: d |= ~m & wmask; break;
      case WRITE_AS_ZEROS: d &= m; break;
      default: throw new AmlError('bad-argument', `invalid field update rule ${f.updateRule}`);
    }
  }
  datumWrite(rt, f, at, d);
}

/** Bits [start, start + n) of little-endian `src`, as ceil(n / 8) bytes. */
function extractBits(src: Uint8Array, start: number, n: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(n / 8));
  const shift = start & 7;
  for (let j = 0, k = start >> 3; j < out.length; j++, k++) {
    out[j] = ((src[k] ?? 0) >> shift) | (((src[k + 1] ?? 0) << (8 - shift)) & 0xff);
  }
  if (n & 7) out[out.length - 1]! &= (1 << (n & 7)) - 1;
  return out;
}

/** Reads a wide field datum by datum into bytes, ticking the time limit as it goes. */
function readWide(rt: Runtime, f: FieldUnitObject): Uint8Array {
  checkFieldSize(f);
  const { first, start, count } = layout(f);
  const w = f.accessBytes;
  const raw = new Uint8Array(count * w);
  for (let i = 0; i < count; i++) {
    rt.tick();
    let d = datumRead(rt, f, first + i * w);
    for (let b = 0; b < w; b++, d >>= 8n) raw[i * w + b] = Number(d & 0xffn);
  }
  return extractBits(raw, start, f.bitLength);
}

/** Writes `value` (little-endian, the field's bits) datum by datum. */
function writeWide(rt: Runtime, f: FieldUnitObject, value: Uint8Array): void {
  checkFieldSize(f);
  const { first, start, count } = layout(f);
  const w = f.accessBytes;
  const wmask = mask(w * 8);
  // The field's bits and a mask of them, placed at their bit offset in the datums.
  const bits = new Uint8Array(count * w + 1);
  const ones = new Uint8Array(count * w + 1);
  for (let i = 0; i < f.bitLength; i++) {
    const at = start + i;
    if ((value[i >> 3]! >> (i & 7)) & 1) bits[at >> 3]! |= 1 << (at & 7);
    ones[at >> 3]! |= 1 << (at & 7);
  }
  for (let i = 0; i < count; i++) {
    rt.tick();
    let d = 0n, m = 0n;
    for (let b = w - 1; b >= 0; b--) {
      d = (d << 8n) | BigInt(bits[i * w + b]!);
      m = (m << 8n) | BigInt(ones[i * w + b]!);
    }
    writeDatum(rt, f, first + i * w, d, m, wmask);
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Little-endian bytes → unsigned number, in linear time (through a hex string). */
export function bytesToBig(b: Uint8Array): bigint {
  if (b.length <= 8) {
    let v = 0n;
    for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
    return v;
  }
  let hex = '';
  for (let i = b.length - 1; i >= 0; i--) hex += HEX[b[i]!];
  return BigInt('0x' + hex);
}

/** Unsigned number → `n` little-endian bytes (higher bits dropped), in linear time. */
function bigToBytes(v: bigint, n: number): Uint8Array {
  const out = new Uint8Array(n);
  if (n <= 8) {
    for (let i = 0; i < n; i++, v >>= 8n) out[i] = Number(v & 0xffn);
    return out;
  }
  const hex = v.toString(16);
  for (let i = 0, e = hex.length; i < n && e > 0; i++, e -= 2) out[i] = parseInt(hex.slice(Math.max(0, e - 2), e), 16);
  return out;
}

/** What a field read yields: an Integer if it fits the integer width, else a Buffer. */
function fieldValue(rt: Runtime, bits: bigint, bitLength: number, forceBuffer: boolean): AmlValue {
  const bytes = Math.ceil(bitLength / 8);
  if (!forceBuffer && bytes <= rt.width / 8) return int(bits);
  return { kind: 'buffer', value: bigToBytes(bits, bytes) };
}

/** The bits a value stores into a field: Integers as they are, Strings and Buffers as little-endian bytes. */
export function valueBits(v: AmlValue): bigint {
  const d = derefOperand(v);
  switch (d.kind) {
    case 'integer': return d.value;
    case 'buffer': return bytesToBig(d.value);
    case 'string': {
      const b = new Uint8Array(d.value.length);
      for (let i = 0; i < b.length; i++) b[i] = d.value.charCodeAt(i) & 0xff;
      return bytesToBig(b);
    }
    case 'package':
    case 'reference':
      throw typeMismatch(`cannot store a ${d.kind} into a field`);
    case 'uninitialized':
      throw new AmlError('uninitialized', 'cannot store an uninitialized value into a field');
    default:
      return assertNever(d);
  }
}

export function readFieldUnit(rt: Runtime, f: FieldUnitObject): AmlValue {
  if (!narrowPlan(f)) {
    const bytes = readWide(rt, f);
    return bytes.length <= rt.width / 8 ? int(bytesToBig(bytes)) : { kind: 'buffer', value: bytes };
  }
  return fieldValue(rt, readBits(rt, f), f.bitLength, false);
}

export function writeFieldUnit(rt: Runtime, f: FieldUnitObject, v: AmlValue): void {
  writeBits(rt, f, valueBits(v));
}

// ---- buffer fields (CreateBitField .. CreateField) ---------------------------

function checkBufferField(f: BufferFieldObject): void {
  if (f.bitOffset + f.bitLength > f.buffer.value.length * 8) {
    throw new AmlError('buffer-limit',
      `buffer field (bits ${f.bitOffset}..${f.bitOffset + f.bitLength - 1}) is beyond its ${f.buffer.value.length}-byte buffer`);
  }
}

/** Reads a buffer field; CreateField fields stay Buffers whatever their size (ACPICA 2020). */
export function readBufferField(rt: Runtime, f: BufferFieldObject, isCreateField: boolean): AmlValue {
  checkBufferField(f);
  const b = f.buffer.value;
  const lo = f.bitOffset >> 3;
  const hi = (f.bitOffset + f.bitLength + 7) >> 3;
  const bits = (bytesToBig(b.subarray(lo, hi)) >> BigInt(f.bitOffset & 7)) & mask(f.bitLength);
  return fieldValue(rt, bits, f.bitLength, isCreateField);
}

export function writeBufferField(f: BufferFieldObject, v: AmlValue): void {
  checkBufferField(f);
  const b = f.buffer.value;
  const lo = f.bitOffset >> 3;
  const hi = (f.bitOffset + f.bitLength + 7) >> 3;
  const s = BigInt(f.bitOffset & 7);
  const m = mask(f.bitLength) << s;
  const old = bytesToBig(b.subarray(lo, hi));
  const next = (old & ~m) | ((valueBits(v) << s) & m);
  b.set(bigToBytes(next, hi - lo), lo);
}
