import type { AccessSize, BusDevice } from './bus.ts';

/** GPE0 status bit of the CPU hot-plug event (ACPI_CPU_HOTPLUG_STATUS, \_GPE._E02). */
export const GPE_CPU_HOTPLUG_BIT = 2;

/**
 * The x86 GPE0 block: a status half (write 1 to clear) followed by an enable half
 * of the same size, accessed byte by byte (QEMU's acpi_gpe_ioport ops). The SCI is
 * a level interrupt: high while any enabled status bit is set.
 */
export class Gpe0Block implements BusDevice {
  private readonly sts: Uint8Array;
  private readonly en: Uint8Array;
  private level = false;

  constructor(
    /** Total length: status and enable halves together (16 on ICH9, 4 on PIIX4). */
    readonly length: number,
    private readonly setSci: (level: boolean) => void,
  ) {
    this.sts = new Uint8Array(length / 2);
    this.en = new Uint8Array(length / 2);
  }

  /** Sets a status bit, as acpi_send_gpe_event does, and updates the SCI. */
  raise(bit: number): void {
    this.sts[bit >> 3]! |= 1 << (bit & 7);
    this.update();
  }

  get sci(): boolean {
    return this.level;
  }

  read(offset: number, size: AccessSize): number {
    let v = 0;
    for (let i = 0; i < size; i++) v |= this.readByte(offset + i) << (8 * i);
    return v >>> 0;
  }

  write(offset: number, size: AccessSize, value: number | bigint): void {
    const v = Number(value);
    for (let i = 0; i < size; i++) this.writeByte(offset + i, (v >>> (8 * i)) & 0xff);
    this.update();
  }

  private readByte(at: number): number {
    const half = this.sts.length;
    return at < half ? this.sts[at]! : (this.en[at - half] ?? 0);
  }

  private writeByte(at: number, v: number): void {
    const half = this.sts.length;
    if (at < half) this.sts[at]! &= ~v; // write 1 to clear
    else if (at - half < half) this.en[at - half] = v;
  }

  private update(): void {
    const level = this.sts.some((s, i) => (s & this.en[i]!) !== 0);
    if (level !== this.level) {
      this.level = level;
      this.setSci(level);
    }
  }

  /** Migratable state: status then enable bytes. */
  save(): Uint8Array {
    return Uint8Array.from([...this.sts, ...this.en]);
  }

  load(bytes: Uint8Array): void {
    if (bytes.length !== this.length) throw new RangeError(`GPE0 state is ${bytes.length} bytes, expected ${this.length}`);
    this.sts.set(bytes.subarray(0, this.length / 2));
    this.en.set(bytes.subarray(this.length / 2));
    this.update();
  }
}
