// A model of the CPU hot-plug register block as a guest sees it through the bus,
// written from the ABI (QEMU's docs/specs/acpi_cpu_hotplug.rst and the behaviour
// recorded in reference/qemu-cpuhp.md), not from src/hotplug: the register fuzz
// (register-fuzz.ts) predicts every reply with it.
//
// The block: 12 bytes at `base`, 1..4-byte accesses. Offset 0 writes the selector
// and reads command data 2; 4 is the flags (read: bit0 enabled, bit1 inserting,
// bit2 removing, bit4 fw_remove; write: the first of bits 1, 2, 3, 4 set clears
// insert, clears remove, ejects, or hands over to firmware); 5 writes the command
// (0 next CPU with an event: inserting, removing or fw_remove, from the selector on,
// wrapping; 1 _OST event, 2 _OST status, 3 CPU id; >= 4 ignored);
// 8 is command data. Other offsets read 0 and ignore writes. With a selector past
// the last slot everything reads 0 and only the selector can be written. The boot
// CPU, or a slot without an enabled vCPU, cannot be ejected or handed over.
// Accesses are cut into naturally aligned pieces of at most 4 bytes, each decoded
// by its own offset; pieces outside the block read as unassigned space (all ones
// for port I/O, zero for MMIO) and their writes are dropped.

export interface ModelSlot {
  enabled: boolean;
  inserting: boolean;
  removing: boolean;
  fwRemove: boolean;
  /** The device id, for a vCPU added over QMP. */
  id: string | undefined;
}

const BLOCK = 12;

export class RegisterModel {
  selector = 0;
  command = 0;
  readonly slots: ModelSlot[];
  /** What the accesses did, to see that the fuzz reaches every path. */
  readonly events = { ejected: 0, 'insert cleared': 0, 'remove cleared': 0, 'event found': 0, 'out-of-range selector': 0 };

  constructor(
    readonly space: 'io' | 'mmio',
    readonly base: number,
    private readonly archIds: readonly number[],
    coldPlugged: number,
  ) {
    this.slots = archIds.map((_, i) => ({ enabled: i < coldPlugged, inserting: false, removing: false, fwRemove: false, id: undefined }));
  }

  /** QMP device_add of slot `i` with `id`: true if it must succeed. */
  add(i: number, id: string): boolean {
    const s = this.slots[i]!;
    if (s.enabled || this.slots.some((x) => x.id === id)) return false;
    s.enabled = true;
    s.inserting = true;
    s.id = id;
    return true;
  }

  /** QMP device_del of `id`: undefined when the reply may go either way (a second request). */
  del(id: string): boolean | undefined {
    const s = this.slots.find((x) => x.id === id);
    if (!s) return false;
    if (s.removing) return undefined;
    s.removing = true;
    return true;
  }

  /** The pieces of an access: [address, size] pairs. */
  private pieces(address: number, size: number): [number, number][] {
    const out: [number, number][] = [];
    const end = address + size;
    for (let at = address; at < end; ) {
      const inside = at >= this.base && at < this.base + BLOCK;
      const limit = inside ? Math.min(end, this.base + BLOCK) : at < this.base ? Math.min(end, this.base) : end;
      const offset = inside ? at - this.base : at;
      const align = offset === 0 ? 4 : offset & -offset;
      let n = Math.min(limit - at, 4, align);
      n = 2 ** Math.floor(Math.log2(n));
      out.push([at, n]);
      at += n;
    }
    return out;
  }

  read(address: number, size: number): bigint {
    let value = 0n;
    for (const [at, n] of this.pieces(address, size)) {
      const mask = (1n << BigInt(8 * n)) - 1n;
      const inside = at >= this.base && at < this.base + BLOCK;
      const v = inside ? BigInt(this.readPiece(at - this.base)) & mask : this.space === 'io' ? mask : 0n;
      value |= v << BigInt(8 * (at - address));
    }
    return value;
  }

  write(address: number, size: number, value: bigint): void {
    for (const [at, n] of this.pieces(address, size)) {
      if (at < this.base || at >= this.base + BLOCK) continue;
      this.writePiece(at - this.base, Number((value >> BigInt(8 * (at - address))) & ((1n << BigInt(8 * n)) - 1n)));
    }
  }

  private readPiece(offset: number): number {
    const s = this.slots[this.selector];
    if (!s) return 0;
    const arch = this.archIds[this.selector]!;
    if (offset === 4) return (s.enabled ? 1 : 0) | (s.inserting ? 2 : 0) | (s.removing ? 4 : 0) | (s.fwRemove ? 16 : 0);
    if (offset === 8) return this.command === 0 ? this.selector : this.command === 3 ? arch % 2 ** 32 : 0;
    if (offset === 0) return this.command === 3 ? Math.floor(arch / 2 ** 32) : 0;
    return 0;
  }

  private writePiece(offset: number, data: number): void {
    if (offset === 0) {
      this.selector = data;
      return;
    }
    const s = this.slots[this.selector];
    if (!s) {
      this.events['out-of-range selector']++;
      return;
    }
    if (offset === 4) this.writeFlags(s, data);
    else if (offset === 5) this.writeCommand(data);
    // Offset 8 stores _OST values (commands 1, 2), which no read returns.
  }

  private writeFlags(s: ModelSlot, data: number): void {
    const ejectable = s.enabled && this.selector !== 0;
    if (data & 2) {
      if (s.inserting) this.events['insert cleared']++;
      s.inserting = false;
    } else if (data & 4) {
      if (s.removing) this.events['remove cleared']++;
      s.removing = false;
    } else if (data & 8) {
      if (!ejectable) return;
      this.events.ejected++;
      // The device is deleted (x86 destroys the vCPU, arm64 disables it): its id is free.
      s.enabled = false;
      s.fwRemove = false;
      s.id = undefined;
    } else if (data & 16) {
      if (ejectable) s.fwRemove = true;
    }
  }

  private writeCommand(data: number): void {
    if (data >= 4) return;
    this.command = data;
    if (data !== 0) return;
    const n = this.slots.length;
    for (let k = 0; k < n; k++) {
      const i = (this.selector + k) % n;
      const s = this.slots[i]!;
      if (s.inserting || s.removing || s.fwRemove) {
        this.events['event found']++;
        this.selector = i;
        return;
      }
    }
  }
}
