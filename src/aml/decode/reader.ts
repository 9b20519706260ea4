// A bounds-checked cursor over AML bytes. Every read checks against `end`, the end
// of the innermost package being decoded, so a corrupted length can never make
// the decoder read another object's bytes or past the table.
import { decodeError } from './errors.ts';

export class AmlReader {
  pos: number;
  end: number;

  constructor(readonly bytes: Uint8Array, start: number, end: number) {
    this.pos = start;
    this.end = end;
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Fails with a decode error unless `n` more bytes remain before `end`. */
  need(n: number, what: string): void {
    if (this.pos + n > this.end) throw decodeError(this.pos, `truncated ${what}`);
  }

  peek(): number {
    this.need(1, 'opcode');
    return this.bytes[this.pos]!;
  }

  /** The byte after the next one, or -1 at the end (for ExtOpPrefix lookahead). */
  peek2(): number {
    return this.pos + 1 < this.end ? this.bytes[this.pos + 1]! : -1;
  }

  u8(what = 'ByteData'): number {
    this.need(1, what);
    return this.bytes[this.pos++]!;
  }

  u16(): number {
    this.need(2, 'WordData');
    const b = this.bytes;
    const v = b[this.pos]! | (b[this.pos + 1]! << 8);
    this.pos += 2;
    return v;
  }

  u32(): number {
    this.need(4, 'DWordData');
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  u64(): bigint {
    const lo = this.u32();
    const hi = this.u32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  // ACPI 6.5 §20.2.4
  //   PkgLength := PkgLeadByte | <PkgLeadByte ByteData> | <PkgLeadByte ByteData ByteData>
  //              | <PkgLeadByte ByteData ByteData ByteData>
  //   PkgLeadByte := <bit 7-6: ByteData count that follows (0-3)>
  //                  <bit 5-4: Only used if PkgLength < 63>
  //                  <bit 3-0: Least significant package length nybble>
  /**
   * Reads a PkgLength and returns the end offset of the package it measures (the
   * length counts its own bytes). The package must fit inside the current one.
   */
  pkgEnd(): number {
    const start = this.pos;
    const lead = this.u8('PkgLength');
    const follow = lead >> 6;
    let length: number;
    if (follow === 0) {
      length = lead & 0x3f;
    } else {
      if (lead & 0x30) throw decodeError(start, 'PkgLength lead byte has bits 5-4 set');
      length = lead & 0x0f;
      for (let i = 0; i < follow; i++) length |= this.u8('PkgLength') << (4 + 8 * i);
      length >>>= 0;
    }
    const end = start + length;
    if (length < this.pos - start) throw decodeError(start, `PkgLength ${length} shorter than itself`);
    if (end > this.end) throw decodeError(start, `PkgLength ${length} runs past the enclosing package (ends 0x${this.end.toString(16)})`);
    return end;
  }

  /** A field element's PkgLength: the same encoding, but a bit count, not an extent. */
  fieldLength(): number {
    const start = this.pos;
    const lead = this.u8('PkgLength');
    const follow = lead >> 6;
    if (follow === 0) return lead & 0x3f;
    if (lead & 0x30) throw decodeError(start, 'PkgLength lead byte has bits 5-4 set');
    let length = lead & 0x0f;
    for (let i = 0; i < follow; i++) length |= this.u8('PkgLength') << (4 + 8 * i);
    return length >>> 0;
  }

  /** AsciiCharList NullChar: characters 0x01-0x7F up to a NUL. */
  asciiz(): string {
    const start = this.pos;
    let s = '';
    for (;;) {
      if (this.pos >= this.end) throw decodeError(start, 'unterminated String');
      const c = this.bytes[this.pos++]!;
      if (c === 0) return s;
      if (c > 0x7f) throw decodeError(this.pos - 1, `non-ASCII byte 0x${c.toString(16)} in String`);
      s += String.fromCharCode(c);
    }
  }
}
