// Big-endian byte streams for the migration formats (the hot-plug device's VMState,
// the machine's state). Each reader says what it was reading when a stream ends
// early, through the error its format throws.

/** Appends big-endian fields; `done()` returns the bytes written. */
export class BigEndianWriter {
  private readonly out: number[] = [];
  u8(v: number): void {
    this.out.push(v & 0xff);
  }
  u32(v: number): void {
    this.out.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  }
  bytes(b: Uint8Array | readonly number[]): void {
    for (const v of b) this.out.push(v);
  }
  done(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

/** Reads big-endian fields, never past the end: `short` makes the format's error. */
export class BigEndianReader {
  pos = 0;
  constructor(
    private readonly b: Uint8Array,
    private readonly short: (what: string, need: number, at: number, left: number) => Error,
  ) {}
  get left(): number {
    return this.b.length - this.pos;
  }
  peek(): number | undefined {
    return this.b[this.pos];
  }
  need(n: number, what: string): void {
    if (this.left < n) throw this.short(what, n, this.pos, this.left);
  }
  u8(what: string): number {
    this.need(1, what);
    return this.b[this.pos++]!;
  }
  u32(what: string): number {
    this.need(4, what);
    const p = this.pos;
    this.pos += 4;
    return ((this.b[p]! << 24) | (this.b[p + 1]! << 16) | (this.b[p + 2]! << 8) | this.b[p + 3]!) >>> 0;
  }
  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const v = this.b.slice(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
}
