// The modern 12-byte register block: QEMU's cpu_hotplug_rd / cpu_hotplug_wr
// (hw/acpi/cpu.c; reference/qemu-cpuhp.md §1.3, §1.4, §2), one switch each, plus
// the split of a guest access into the pieces those functions see.
//
// What a guest sees for an access of a given width at a given offset (checked with
// `inb/inw/inl/outb/outw/outl` through qtest against QEMU 7.2.22 under KVM):
// - QEMU declares .valid 1..4 and no .impl, so an *aligned* access reaches the
//   callback whole, which switches on its offset only: a dword read at 4 returns the
//   flags byte zero-extended; a word read at 2, 6 or 10 returns 0; a byte read at 9
//   returns 0 (command data is not byte-addressable above its low byte); a dword
//   write at 4 is a flags write (its bits 8..31 do not reach the command register).
// - Surprise: an *unaligned* access is first cut by the memory core
//   (flatview_read/write_continue + memory_access_size) into naturally aligned
//   pieces, each dispatched on its own offset and shifted into place. So
//   `inl base+3` returns flags << 8, `inl base+5` returns (command data & 0xff) << 24,
//   `inw base+7` returns (command data & 0xff) << 8, `outw base+3, 0x0200` clears the
//   insert event, and `outl base+5, 0x11000001` stores command 1 and then writes 0x11
//   as command data (an _OST event): two trace lines, as QEMU prints them.
// - QEMU under TCG differs: its in/out helpers call memory_region_dispatch_* with
//   the whole access, which rejects unaligned ones (reads 0, writes dropped, no
//   trace), checked by running a 16-bit guest ROM under TCG. KVM and qtest go through
//   the flatview split, and so do we (src/machine/bus.ts does the same split, so on
//   its already-aligned pieces splitAccess() is a no-op).
import { Command, COMMAND_COUNT, Flag, Offset } from './abi.ts';
import type { SlotTable } from './status.ts';
import { traceEvent, type TraceArgs, type TraceEvent, type TraceEventName } from './trace-events.ts';

export type AccessSize = 1 | 2 | 4;

/** One piece of a guest access: where it lands and how wide it is. */
export interface AccessPiece {
  readonly offset: number;
  readonly size: AccessSize;
  /** Bit position of this piece within the whole access's value. */
  readonly shift: number;
}

/**
 * QEMU's memory_access_size() loop for a region with valid.max_access_size 4 and
 * no .impl.unaligned: each piece is the largest power of two that fits what is left,
 * is at most 4, and is aligned to its own offset.
 */
export function splitAccess(offset: number, size: AccessSize): AccessPiece[] {
  const pieces: AccessPiece[] = [];
  for (let at = offset, left: number = size; left > 0; ) {
    const align = at & -at; // 0 at offset 0: no limit
    let n = Math.min(left, 4);
    if (align !== 0 && align < n) n = align;
    if (n === 3) n = 2;
    pieces.push({ offset: at, size: n as AccessSize, shift: 8 * (at - offset) });
    at += n;
    left -= n;
  }
  return pieces;
}

/** Values for `size` bytes: 1 → 0xff, 2 → 0xffff, 4 → 0xffffffff. */
export const sizeMask = (size: AccessSize): number => (size === 4 ? 0xffffffff : (1 << (8 * size)) - 1);

/** What the block needs from its owner. Callbacks are already guarded: they never throw. */
export interface ModernBlockHooks {
  readonly bootIndex: number;
  /** Whether flags bit 5 reads "the slot holds a vCPU object" (the RFC's CPRS). */
  presentBit(): boolean;
  /** Absent: no events are even built (the benchmark's hot path). */
  readonly trace?: (event: TraceEvent) => void;
  /** Whether `trace` wants events now; when it says false, none is built. */
  readonly tracing?: () => boolean;
  /** The guest ejected the vCPU in this slot (hotplug_handler_unplug + object_unparent). */
  eject(index: number): void;
  /** Emit ACPI_DEVICE_OST for this slot (qapi_event_send_acpi_device_ost). */
  ost(index: number): void;
}

export class ModernBlock {
  /** The last value written to offset 0; may be out of range (QEMU allows it). */
  selector = 0;
  /** The last command below COMMAND_COUNT written to offset 5. */
  command = 0;

  constructor(
    private readonly slots: SlotTable,
    private readonly hooks: ModernBlockHooks,
  ) {}

  private emit<K extends TraceEventName>(name: K, args: TraceArgs<K>): void {
    const { trace, tracing } = this.hooks;
    if (trace && (tracing === undefined || tracing())) trace(traceEvent(name, args));
  }

  /** cpu_hotplug_rd for one aligned piece. The result is not yet masked to `size`. */
  read(offset: number): number {
    const idx = this.selector;
    // Rule 0: an out-of-range selector reads 0 everywhere, with no trace.
    if (idx >= this.slots.size) return 0;
    const s = this.slots;
    switch (offset) {
      case Offset.FLAGS: {
        const flags =
          (s.enabled(idx) ? Flag.ENABLED : 0) |
          (s.inserting(idx) ? Flag.INSERTING : 0) |
          (s.removing(idx) ? Flag.REMOVING : 0) |
          (s.fwRemove(idx) ? Flag.FW_REMOVE : 0) |
          (s.cpu(idx) !== undefined && this.hooks.presentBit() ? Flag.PRESENT : 0);
        this.emit('cpuhp_acpi_read_flags', { idx, flags });
        return flags;
      }
      case Offset.CMD_DATA: {
        const data =
          this.command === Command.GET_NEXT_CPU_WITH_EVENT ? idx
          : this.command === Command.GET_CPU_ID ? s.archId(idx) % 2 ** 32
          : 0;
        this.emit('cpuhp_acpi_read_cmd_data', { idx, data });
        return data;
      }
      case Offset.CMD_DATA2: {
        const data = this.command === Command.GET_CPU_ID ? Math.floor(s.archId(idx) / 2 ** 32) >>> 0 : 0;
        this.emit('cpuhp_acpi_read_cmd_data2', { idx, data });
        return data;
      }
      default:
        return 0; // reserved (and the write-only command byte): 0, no trace
    }
  }

  /** cpu_hotplug_wr for one aligned piece; `data` is already masked to the piece. */
  write(offset: number, data: number): void {
    // Rule 0: with an out-of-range selector only the selector itself is writable.
    if (offset !== Offset.SELECTOR && this.selector >= this.slots.size) {
      this.emit('cpuhp_acpi_invalid_idx_selected', { idx: this.selector });
      return;
    }
    switch (offset) {
      case Offset.SELECTOR:
        // A byte or word write replaces the whole selector (QEMU: selector = data).
        this.selector = data >>> 0;
        this.emit('cpuhp_acpi_write_idx', { idx: this.selector });
        return;
      case Offset.FLAGS:
        return this.writeFlags(data);
      case Offset.COMMAND:
        return this.writeCommand(data);
      case Offset.CMD_DATA:
        return this.writeCommandData(data);
      default:
        return; // reserved: ignored, no trace
    }
  }

  /** One action per write, the first of bits 1, 2, 3, 4 that is set (if/else chain). */
  private writeFlags(data: number): void {
    const idx = this.selector;
    const s = this.slots;
    if (data & Flag.INSERTING) {
      s.setInserting(idx, false);
      this.emit('cpuhp_acpi_clear_inserting_evt', { idx });
    } else if (data & Flag.REMOVING) {
      s.setRemoving(idx, false);
      this.emit('cpuhp_acpi_clear_remove_evt', { idx });
    } else if (data & Flag.EJECT) {
      if (!this.ejectable(idx)) {
        this.emit('cpuhp_acpi_ejecting_invalid_cpu', { idx });
        return;
      }
      this.emit('cpuhp_acpi_ejecting_cpu', { idx });
      this.hooks.eject(idx);
      // Eject ends the firmware hand-over but leaves a pending insert or remove
      // event alone: an unacknowledged insert still reads back after the eject.
      s.setFwRemove(idx, false);
    } else if (data & Flag.FW_REMOVE) {
      if (!this.ejectable(idx)) {
        this.emit('cpuhp_acpi_fw_remove_invalid_cpu', { idx });
        return;
      }
      this.emit('cpuhp_acpi_fw_remove_cpu', { idx });
      s.setFwRemove(idx, true);
    }
    // Bit 0 and bits 5..7 alone: nothing, and QEMU traces nothing (the RFC's bit 5 is read-only).
  }

  /**
   * QEMU tests `!cdev->cpu || cdev->cpu == first_cpu`. A slot's CPU pointer is
   * non-NULL exactly when flags bit 0 reads 1 under PRESENCE_TOGGLES; under
   * PRESENCE_ALWAYS the object outlives disabling, and what must hold is "enabled".
   */
  private ejectable(idx: number): boolean {
    return this.slots.enabled(idx) && idx !== this.hooks.bootIndex;
  }

  private writeCommand(data: number): void {
    // Traced before the range check, so rejected commands (>= 4) show up too.
    this.emit('cpuhp_acpi_write_cmd', { idx: this.selector, cmd: data });
    if (data >= COMMAND_COUNT) return;
    this.command = data;
    if (data !== Command.GET_NEXT_CPU_WITH_EVENT) return;
    // Starting at the selector, inclusive, wrapping around; none found: unchanged.
    const found = this.slots.pending.findWrapping(this.selector);
    if (found < 0) return;
    this.selector = found;
    this.emit('cpuhp_acpi_cpu_has_events', {
      idx: found,
      ins: this.slots.inserting(found),
      rm: this.slots.removing(found),
    });
  }

  private writeCommandData(data: number): void {
    const idx = this.selector;
    switch (this.command) {
      case Command.OST_EVENT:
        this.slots.setOstEvent(idx, data >>> 0);
        this.emit('cpuhp_acpi_write_ost_ev', { slot: idx, ev: data });
        return;
      case Command.OST_STATUS:
        this.slots.setOstStatus(idx, data >>> 0);
        // QEMU sends the QMP event first, then traces.
        this.hooks.ost(idx);
        this.emit('cpuhp_acpi_write_ost_status', { slot: idx, st: data });
        return;
      default:
        return; // commands 0 and 3: ignored, no trace
    }
  }
}
