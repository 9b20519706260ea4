// The memory behind `cpuhp aml exec`'s regions: sparse bytes per address space,
// little-endian, never-written bytes reading as a fill value. The same model as
// ACPICA's acpiexec (regions are plain buffers, no device behind them), so a
// method's accesses can be tried and compared without a machine.

/** 256-byte pages: registers sit close together, and scattered writes cost little. */
const PAGE_SHIFT = 8n;
const PAGE_SIZE = 1 << Number(PAGE_SHIFT);
const PAGE_MASK = BigInt(PAGE_SIZE - 1);

/** One address space's pages, with the last page used kept at hand (a scan hits the same one). */
class Space {
  /** Written pages by page number: a write adds at most two (an access spans at most 8 bytes), and writes are bounded by --max-ops. */
  private readonly pages = new Map<bigint, Uint8Array>();
  private lastKey = -1n;
  private lastPage: Uint8Array | undefined;

  page(key: bigint, create: boolean, fill: number): Uint8Array | undefined {
    if (key === this.lastKey && this.lastPage) return this.lastPage;
    let page = this.pages.get(key);
    if (!page && create) this.pages.set(key, (page = new Uint8Array(PAGE_SIZE).fill(fill)));
    if (page) {
      this.lastKey = key;
      this.lastPage = page;
    }
    return page;
  }
}

export class PlainMemory {
  private readonly spaces = new Map<string, Space>();
  /** @param fill what never-written bytes read as (acpiexec's -fv). */
  constructor(private readonly fill = 0) {}

  /** Reads `bits` (8 to 64) at `address`; an access within one page is read as Numbers, not byte by byte in BigInts. */
  read(space: string, address: bigint, bits: number): bigint {
    const bytes = bits / 8;
    const at = Number(address & PAGE_MASK);
    if (at + bytes <= PAGE_SIZE) {
      const page = this.spaces.get(space)?.page(address >> PAGE_SHIFT, false, this.fill);
      if (bytes <= 4) return BigInt(littleEndian(page, at, bytes, this.fill));
      return (BigInt(littleEndian(page, at + 4, bytes - 4, this.fill)) << 32n) | BigInt(littleEndian(page, at, 4, this.fill));
    }
    let v = 0n;
    for (let i = bytes - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.read(space, address + BigInt(i), 8));
    return v;
  }

  /** Writes the low `bits` (8 to 64) of `value` at `address`. */
  write(space: string, address: bigint, bits: number, value: bigint): void {
    let s = this.spaces.get(space);
    if (!s) this.spaces.set(space, (s = new Space()));
    const bytes = bits / 8;
    const at = Number(address & PAGE_MASK);
    if (at + bytes <= PAGE_SIZE) {
      const page = s.page(address >> PAGE_SHIFT, true, this.fill)!;
      const lo = Number(BigInt.asUintN(32, value));
      for (let i = 0; i < bytes && i < 4; i++) page[at + i] = (lo >>> (8 * i)) & 0xff;
      if (bytes > 4) {
        const hi = Number(BigInt.asUintN(32, value >> 32n));
        for (let i = 4; i < bytes; i++) page[at + i] = (hi >>> (8 * (i - 4))) & 0xff;
      }
      return;
    }
    for (let i = 0; i < bytes; i++) this.write(space, address + BigInt(i), 8, value >> BigInt(8 * i));
  }
}

/** `count` (at most 4) bytes of `page` from `at` on, little-endian, as an unsigned Number; `fill` for a page never written. */
function littleEndian(page: Uint8Array | undefined, at: number, count: number, fill: number): number {
  let v = 0;
  for (let i = count - 1; i >= 0; i--) v = v * 256 + (page ? page[at + i]! : fill);
  return v;
}
