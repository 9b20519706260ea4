import { AmlEncodeError } from './errors.ts';

/**
 * The one place bytes are written: a growable buffer, always little-endian.
 * Nested bodies whose length must be prefixed (PkgLength) are written with
 * pkg(), which encodes the body first and then prepends its length.
 */
export class AmlWriter {
  private buf: Uint8Array;
  private len = 0;

  constructor(initialSize = 256) {
    this.buf = new Uint8Array(Math.max(1, initialSize));
  }

  get length(): number {
    return this.len;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  u8(v: number): this {
    assertUInt(v, 0xff, 'byte');
    this.reserve(1);
    this.buf[this.len++] = v;
    return this;
  }

  u16(v: number): this {
    assertUInt(v, 0xffff, 'word');
    this.reserve(2);
    this.buf[this.len++] = v & 0xff;
    this.buf[this.len++] = v >>> 8;
    return this;
  }

  u32(v: number): this {
    assertUInt(v, 0xffffffff, 'dword');
    this.reserve(4);
    for (let i = 0; i < 4; i++) this.buf[this.len++] = (v >>> (8 * i)) & 0xff;
    return this;
  }

  u64(v: bigint): this {
    if (v < 0n || v > 0xffffffffffffffffn) {
      throw new AmlEncodeError('out-of-range', `qword ${v} is out of range`);
    }
    this.reserve(8);
    for (let i = 0n; i < 8n; i++) this.buf[this.len++] = Number((v >> (8n * i)) & 0xffn);
    return this;
  }

  /** `n` zero bytes. */
  zeros(n: number): this {
    this.reserve(n);
    this.buf.fill(0, this.len, this.len + n);
    this.len += n;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  /**
   * Writes `body` preceded by its PkgLength (which counts itself). The body is
   * written in place after a 4-byte gap, the widest PkgLength, and moved back
   * once its length (and so the PkgLength's own width) is known: no nested buffers.
   */
  pkg(body: (w: AmlWriter) => void): this {
    const start = this.len;
    this.reserve(4);
    this.len += 4;
    body(this);
    const length = this.len - start - 4;
    const count = pkgLengthBytes(length);
    checkPkgLength(length, length + count);
    if (count < 4) this.buf.copyWithin(start + count, start + 4, this.len);
    writePkgLength(this.buf, start, length + count, count);
    this.len -= 4 - count;
    return this;
  }

  /** A PkgLength of `length` (field elements: not counting itself), written in place. */
  pkgLength(length: number, includeSelf: boolean): this {
    const count = pkgLengthBytes(length);
    const total = includeSelf ? length + count : length;
    checkPkgLength(length, total);
    this.reserve(count);
    writePkgLength(this.buf, this.len, total, count);
    this.len += count;
    return this;
  }

  /** The bytes written; the writer is done with (a buffer filled exactly is handed over, not copied). */
  finish(): Uint8Array {
    return this.len === this.buf.length ? this.buf : this.buf.slice(0, this.len);
  }
}

function assertUInt(v: number, max: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new AmlEncodeError('out-of-range', `${what} ${v} is out of range 0..${max}`);
  }
}

/** Largest value a 4-byte PkgLength can hold (28 bits). */
export const PKG_LENGTH_MAX = (1 << 28) - 1;

// ACPI 6.5 §20.2.4 PkgLength := PkgLeadByte | <PkgLeadByte ByteData> |
//   <PkgLeadByte ByteData ByteData> | <PkgLeadByte ByteData ByteData ByteData>
// Bits 7-6 of the lead byte count the bytes that follow. A one-byte encoding holds
// 0..63 in bits 5-0; longer ones put the low nibble in bits 3-0 and the rest in the
// following bytes. The byte count is chosen as QEMU's build_prepend_package_length
// does (length plus the encoding itself must fit), for term objects (includeSelf)
// and field elements alike, so our bytes match QEMU's.
export function pkgLength(length: number, includeSelf: boolean): Uint8Array {
  const count = pkgLengthBytes(length);
  const total = includeSelf ? length + count : length;
  checkPkgLength(length, total);
  const out = new Uint8Array(count);
  writePkgLength(out, 0, total, count);
  return out;
}

/** How many bytes the PkgLength of `length` takes (see above). */
function pkgLengthBytes(length: number): number {
  if (!Number.isInteger(length) || length < 0) {
    throw new AmlEncodeError('out-of-range', `package length ${length} is not a length`);
  }
  if (length + 1 < 1 << 6) return 1;
  if (length + 2 < 1 << 12) return 2;
  if (length + 3 < 1 << 20) return 3;
  return 4;
}

function checkPkgLength(length: number, total: number): void {
  if (total > PKG_LENGTH_MAX) {
    throw new AmlEncodeError('too-long', `package length ${length} exceeds ${PKG_LENGTH_MAX}`);
  }
}

function writePkgLength(buf: Uint8Array, at: number, total: number, count: number): void {
  if (count === 1) {
    buf[at] = total;
    return;
  }
  buf[at] = ((count - 1) << 6) | (total & 0x0f);
  for (let i = 1; i < count; i++) buf[at + i] = (total >>> (4 + 8 * (i - 1))) & 0xff;
}
