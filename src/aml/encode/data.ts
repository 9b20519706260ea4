import { Op } from '../opcodes.ts';
import { AmlEncodeError } from './errors.ts';
import { type AmlNode, encodeAll } from './node.ts';
import type { AmlWriter } from './writer.ts';

const U64_MAX = 0xffffffffffffffffn;

// ACPI 6.5 §20.2.3 ComputationalData := ByteConst | WordConst | DWordConst |
//   QWordConst | String | ConstObj | RevisionOp | DefBuffer
// The shortest encoding is chosen as QEMU's aml_int does: ZeroOp, OneOp, then the
// smallest prefix that holds the value. Ones (0xFF) is only ever written on request.
export class Integer implements AmlNode {
  /**
   * A plain number when the value is a safe integer (every value a table of
   * thousands of CPUs repeats: uids, ids, sizes), a bigint only above 2^53: one
   * heap object per Integer instead of two, and no BigInt arithmetic to encode it.
   */
  private readonly v: number | bigint;

  constructor(value: number | bigint) {
    if (typeof value === 'number') {
      toBigIntChecked(value);
      if (value < 0) throw new AmlEncodeError('out-of-range', `integer ${value} is outside 0..0xFFFFFFFFFFFFFFFF`);
      this.v = value;
      return;
    }
    if (value < 0n || value > U64_MAX) {
      throw new AmlEncodeError('out-of-range', `integer ${value} is outside 0..0xFFFFFFFFFFFFFFFF`);
    }
    this.v = value <= MAX_SAFE ? Number(value) : value;
  }

  get value(): bigint {
    return BigInt(this.v);
  }

  encode(w: AmlWriter): void {
    const v = this.v;
    if (typeof v === 'bigint') {
      w.u8(Op.QWORD_PREFIX).u64(v);
      return;
    }
    if (v === 0) w.u8(Op.ZERO);
    else if (v === 1) w.u8(Op.ONE);
    else if (v <= 0xff) w.u8(Op.BYTE_PREFIX).u8(v);
    else if (v <= 0xffff) w.u8(Op.WORD_PREFIX).u16(v);
    else if (v <= 0xffffffff) w.u8(Op.DWORD_PREFIX).u32(v);
    else w.u8(Op.QWORD_PREFIX).u64(BigInt(v));
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function toBigIntChecked(v: number): void {
  if (!Number.isSafeInteger(v)) {
    throw new AmlEncodeError('out-of-range', `integer ${v} is not a safe integer; pass a bigint`);
  }
}

function toBigInt(v: number): bigint {
  toBigIntChecked(v);
  return BigInt(v);
}

/** Integers are immutable: the small ones a table uses over and over are shared. */
const SMALL_INTEGERS: readonly Integer[] = Array.from({ length: 256 }, (_, i) => new Integer(i));

/** An Integer node for `value`, shared for 0..255. */
export function integerNode(value: number | bigint): Integer {
  if (typeof value === 'number' && value >= 0 && value < 256 && Number.isInteger(value)) return SMALL_INTEGERS[value]!;
  return new Integer(value);
}

/** An integer constant forced to one width (ByteConst .. QWordConst). */
export class FixedInteger implements AmlNode {
  constructor(
    readonly value: number | bigint,
    readonly width: 1 | 2 | 4 | 8,
  ) {
    const v = typeof value === 'bigint' ? value : toBigInt(value);
    if (v < 0n || v >= 1n << BigInt(8 * width)) {
      throw new AmlEncodeError('out-of-range', `integer ${value} does not fit in ${width} bytes`);
    }
  }

  encode(w: AmlWriter): void {
    const v = BigInt(this.value);
    switch (this.width) {
      case 1: w.u8(Op.BYTE_PREFIX).u8(Number(v)); break;
      case 2: w.u8(Op.WORD_PREFIX).u16(Number(v)); break;
      case 4: w.u8(Op.DWORD_PREFIX).u32(Number(v)); break;
      case 8: w.u8(Op.QWORD_PREFIX).u64(v); break;
    }
  }
}

class Constant implements AmlNode {
  constructor(private readonly op: number) {}
  encode(w: AmlWriter): void {
    w.u8(this.op);
  }
}

/** ZeroOp, OneOp and OnesOp (ACPI 6.5 §20.2.3 ConstObj). */
export const Zero: AmlNode = new Constant(Op.ZERO);
export const One: AmlNode = new Constant(Op.ONE);
export const Ones: AmlNode = new Constant(Op.ONES);

// ACPI 6.5 §20.2.3 String := StringPrefix AsciiCharList NullChar
export class AmlString implements AmlNode {
  constructor(readonly value: string) {
    for (const ch of value) {
      const c = ch.codePointAt(0)!;
      if (c < 0x01 || c > 0x7f) {
        throw new AmlEncodeError('bad-argument', `string ${JSON.stringify(value)} has a character outside ASCII 0x01-0x7F`);
      }
    }
  }

  encode(w: AmlWriter): void {
    w.u8(Op.STRING_PREFIX);
    for (let i = 0; i < this.value.length; i++) w.u8(this.value.charCodeAt(i));
    w.u8(0);
  }
}

// ACPI 6.5 §20.2.5.4 DefBuffer := BufferOp PkgLength BufferSize ByteList
// The size is written as the shortest integer; QEMU's aml_buffer does the same.
export class Buffer implements AmlNode {
  readonly size: number;

  constructor(
    readonly data: Uint8Array,
    size?: number,
  ) {
    this.size = size ?? data.length;
    if (!Number.isSafeInteger(this.size) || this.size < data.length) {
      throw new AmlEncodeError('bad-argument', `buffer size ${size} is smaller than its ${data.length} initializer bytes`);
    }
  }

  encode(w: AmlWriter): void {
    w.u8(Op.BUFFER).pkg((b) => {
      integerNode(this.size).encode(b);
      b.bytes(this.data);
    });
  }
}

// ACPI 6.5 §20.2.5.4 DefPackage := PackageOp PkgLength NumElements PackageElementList
export class Package implements AmlNode {
  readonly count: number;

  constructor(
    readonly elements: readonly AmlNode[],
    count?: number,
  ) {
    this.count = count ?? elements.length;
    if (!Number.isInteger(this.count) || this.count > 0xff || this.count < elements.length) {
      throw new AmlEncodeError(
        'bad-argument',
        `package of ${this.count} elements must hold 0..255 and at least its ${elements.length} initializers (use VarPackage)`,
      );
    }
  }

  encode(w: AmlWriter): void {
    w.u8(Op.PACKAGE).pkg((b) => {
      b.u8(this.count);
      encodeAll(b, this.elements);
    });
  }
}

// ACPI 6.5 §20.2.5.4 DefVarPackage := VarPackageOp PkgLength VarNumElements PackageElementList
export class VarPackage implements AmlNode {
  constructor(
    readonly count: AmlNode,
    readonly elements: readonly AmlNode[],
  ) {}

  encode(w: AmlWriter): void {
    w.u8(Op.VAR_PACKAGE).pkg((b) => {
      this.count.encode(b);
      encodeAll(b, this.elements);
    });
  }
}

// A compressed EISA id ("PNP0A06"): three letters of 5 bits each and four hex
// digits, stored big-endian in a DWordConst, as iasl's EISAID() and QEMU's aml_eisaid.
export class EisaId implements AmlNode {
  readonly value: number;

  constructor(readonly id: string) {
    if (!/^[A-Z]{3}[0-9A-F]{4}$/.test(id)) {
      throw new AmlEncodeError('bad-argument', `EISA id "${id}" must be three capital letters and four hex digits`);
    }
    const l = (i: number) => (id.charCodeAt(i) - 0x40) & 0x1f;
    const be = ((l(0) << 26) | (l(1) << 21) | (l(2) << 16) | parseInt(id.slice(3), 16)) >>> 0;
    // byte-swap: the id's bytes are stored in big-endian order
    this.value = (((be & 0xff) << 24) | ((be & 0xff00) << 8) | ((be >>> 8) & 0xff00) | (be >>> 24)) >>> 0;
  }

  encode(w: AmlWriter): void {
    w.u8(Op.DWORD_PREFIX).u32(this.value);
  }
}

/** Integer shorthand: numbers and bigints become Integer nodes. */
export type Operand = AmlNode | number | bigint;

export function operand(x: Operand): AmlNode {
  return typeof x === 'number' || typeof x === 'bigint' ? integerNode(x) : x;
}
