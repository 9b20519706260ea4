/** A device's registers as the guest sees them: an offset within its window, 1..8 bytes. */
export interface BusDevice {
  read(offset: number, size: AccessSize): number | bigint;
  write(offset: number, size: AccessSize, value: number | bigint): void;
}

export type AccessSize = 1 | 2 | 4 | 8;
export type AddressSpaceKind = 'io' | 'mmio';

/** One access as a device (or the unassigned space) saw it, after splitting. */
export interface BusAccess {
  readonly space: AddressSpaceKind;
  readonly address: number;
  readonly size: AccessSize;
  readonly value: bigint;
  readonly direction: 'read' | 'write';
  /** The window that took it, or undefined for an unassigned address. */
  readonly device?: string;
}

/** Which access sizes a window accepts (QEMU's MemoryRegionOps.valid). */
export interface AccessRule {
  readonly min: AccessSize;
  readonly max: AccessSize;
}

interface Window extends AccessRule {
  readonly name: string;
  readonly base: number;
  readonly length: number;
  readonly device: BusDevice;
}

const SPACE_END: Record<AddressSpaceKind, number> = { io: 0x10000, mmio: 2 ** 52 };

/**
 * The guest-facing bus: routes port I/O and MMIO accesses to devices by address
 * and width, the way QEMU's flatview_read/write_continue do, because that decides
 * what a guest sees: an access is cut at window edges, and each piece is cut to
 * the largest power of two that the window accepts and that the piece's offset
 * is aligned to. So a 4-byte read at offset 1 of a block reaches it as a 1-byte
 * read at 1, a 2-byte read at 2 and a 1-byte read at 4. Pieces nobody claims read
 * as QEMU's unassigned space (all ones for port I/O, zero for MMIO), writes to them
 * are dropped, and an access size a window refuses reads 0. Every piece is reported
 * to the observers, so the register trace is complete.
 */
export class Bus {
  private readonly windows: Record<AddressSpaceKind, Window[]> = { io: [], mmio: [] };
  private readonly observers: ((a: BusAccess) => void)[] = [];

  map(space: AddressSpaceKind, name: string, base: number, length: number, rule: AccessRule, device: BusDevice): void {
    if (!Number.isSafeInteger(base) || base < 0 || length < 1 || base + length > SPACE_END[space]) {
      throw new RangeError(`${name}: window 0x${base.toString(16)}+${length} is outside the ${space} space`);
    }
    const overlap = this.windows[space].find((w) => base < w.base + w.length && w.base < base + length);
    if (overlap) throw new RangeError(`${name}: window 0x${base.toString(16)}+${length} overlaps ${overlap.name}`);
    this.windows[space].push({ name, base, length, min: rule.min, max: rule.max, device });
  }

  unmap(space: AddressSpaceKind, name: string): void {
    this.windows[space] = this.windows[space].filter((w) => w.name !== name);
  }

  /** Subscribes to every access piece; returns the unsubscribe function. */
  observe(fn: (a: BusAccess) => void): () => void {
    this.observers.push(fn);
    return () => {
      const i = this.observers.indexOf(fn);
      if (i >= 0) this.observers.splice(i, 1);
    };
  }

  /** Someone observes the accesses (the machine does only while a listener wants its trace). */
  get observed(): boolean {
    return this.observers.length > 0;
  }

  read(space: AddressSpaceKind, address: number, size: AccessSize): bigint {
    checkAccess(space, address, size);
    let value = 0n;
    for (const p of this.pieces(space, address, size)) {
      const mask = (1n << BigInt(8 * p.size)) - 1n;
      let v: bigint;
      if (!p.window) v = space === 'io' ? mask : 0n;
      else if (p.size < p.window.min) v = 0n; // refused access size: QEMU returns unassigned_mem_read's 0
      else v = BigInt(p.window.device.read(p.address - p.window.base, p.size)) & mask;
      if (this.observers.length > 0) this.emit({ space, address: p.address, size: p.size, value: v, direction: 'read', ...(p.window ? { device: p.window.name } : {}) });
      value |= v << BigInt(8 * (p.address - address));
    }
    return value;
  }

  write(space: AddressSpaceKind, address: number, size: AccessSize, value: bigint): void {
    checkAccess(space, address, size);
    for (const p of this.pieces(space, address, size)) {
      const v = (value >> BigInt(8 * (p.address - address))) & ((1n << BigInt(8 * p.size)) - 1n);
      if (this.observers.length > 0) this.emit({ space, address: p.address, size: p.size, value: v, direction: 'write', ...(p.window ? { device: p.window.name } : {}) });
      if (p.window && p.size >= p.window.min) p.window.device.write(p.address - p.window.base, p.size, p.size === 8 ? v : Number(v));
    }
  }

  /** QEMU's split of one access into the pieces devices see (at most `size` pieces). */
  private *pieces(space: AddressSpaceKind, address: number, size: AccessSize) {
    let at = address;
    const end = address + size;
    while (at < end) {
      const window = this.windows[space].find((w) => at >= w.base && at < w.base + w.length);
      // How far this piece may reach: the window's end, or the next window's start.
      const limit = window
        ? Math.min(end, window.base + window.length)
        : Math.min(end, ...this.windows[space].filter((w) => w.base > at).map((w) => w.base));
      const offset = window ? at - window.base : at;
      const max = window ? window.max : 4;
      const align = offset === 0 ? max : offset & -offset;
      let n = Math.min(limit - at, max, align);
      n = 2 ** Math.floor(Math.log2(n));
      yield { address: at, size: n as AccessSize, window };
      at += n;
    }
  }

  private emit(a: BusAccess): void {
    for (const o of this.observers) o(a);
  }
}

function checkAccess(space: AddressSpaceKind, address: number, size: AccessSize): void {
  if (!Number.isSafeInteger(address) || address < 0 || address + size > SPACE_END[space] || ![1, 2, 4, 8].includes(size)) {
    throw new RangeError(`${space} access of ${size} bytes at 0x${address.toString(16)} is outside the address space`);
  }
}
