// QEMU <= 7.2's legacy CPU hot-plug block (hw/acpi/cpu_hotplug.c, removed in the
// 11.0 cycle; reference/qemu-cpuhp.md §2 "Legacy interface", §6.5): what a q35 or pc
// machine shows at the block's address from reset until the guest's PRES._INI
// writes 0 to offset 0.
//
// Behaviour checked against QEMU 7.2.22 (with the legacy max-access-size fix):
// - 32 bytes, read-only: a bitmap with bit (APIC id) set for each present CPU.
//   .impl is 1 byte and .valid 1..4, so a word or dword read is assembled from
//   byte reads, little-endian, at any offset: `inl base+0` with CPUs 0, 3, 9 and 17
//   present reads 0x00020209.
// - The only write with an effect is a byte of 0 landing at offset 0. Wider writes
//   are cut into bytes, so `outw base, 0x0100` and `outl base, 0x100` switch too
//   (their low byte is 0), while `outb base+1, 0` or a nonzero low byte do nothing.
//   The switching write itself is not seen by the modern block: no
//   cpuhp_acpi_write_idx trace, the selector keeps its value (0). Nothing traces.
// - Hot-plug sets the CPU's bit and raises the event, but records no insert event:
//   after the switch such a CPU reads flags 0x01 (enabled, nothing pending).
// - device_del is refused while in legacy mode ("acpi: device unplug request for
//   not supported device type: ...").
// - Modern mode survives system_reset; nothing switches back.
import type { SlotTable } from './status.ts';
import type { AccessSize } from './registers.ts';

/** ACPI_GPE_PROC_LEN: the bitmap's size in bytes. */
export const LEGACY_WINDOW_LENGTH = 32;
/** ACPI_CPU_HOTPLUG_ID_LIMIT: arch ids the bitmap can hold. */
export const LEGACY_ID_LIMIT = 8 * LEGACY_WINDOW_LENGTH;

/** Whether the legacy bitmap has a bit for this arch id. */
export const fitsLegacyBitmap = (archId: number): boolean => archId < LEGACY_ID_LIMIT;

export class LegacyBlock {
  /** For each bitmap byte, the slots whose arch id falls in it. */
  private readonly byteSlots: number[][];

  constructor(private readonly slots: SlotTable) {
    this.byteSlots = Array.from({ length: LEGACY_WINDOW_LENGTH }, () => []);
    for (let i = 0; i < slots.size; i++) {
      const id = slots.archId(i);
      if (fitsLegacyBitmap(id)) this.byteSlots[id >>> 3]!.push(i);
    }
  }

  /**
   * One bitmap byte. QEMU sets bits on plug and never clears them; legacy mode has
   * no unplug, so "a CPU is in the slot" is the same set, and it stays right when
   * the CPU objects are the destination's after migration.
   */
  private byte(offset: number): number {
    let b = 0;
    for (const i of this.byteSlots[offset] ?? []) {
      if (this.slots.enabled(i)) b |= 1 << (this.slots.archId(i) & 7);
    }
    return b;
  }

  read(offset: number, size: AccessSize): number {
    let v = 0;
    for (let i = 0; i < size; i++) {
      if (offset + i < LEGACY_WINDOW_LENGTH) v |= this.byte(offset + i) << (8 * i);
    }
    return v >>> 0;
  }

  /** Returns true when the write switches the machine to the modern block. */
  write(offset: number, value: number): boolean {
    // Bytes are handed to QEMU's cpu_status_write one at a time; only byte 0 of
    // the block can carry the switch, so only the access's low byte at offset 0 matters.
    return offset === 0 && (value & 0xff) === 0;
  }
}
