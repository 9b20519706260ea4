// The VMM side of ACPI CPU hot-plug: QEMU's hw/acpi/cpu.c with its legacy
// predecessor (reference/qemu-cpuhp.md §1.3-§1.6, §7), and one addition, the
// presence policy (§5, DESIGN.md): with PRESENCE_ALWAYS (arm64) a slot keeps its vCPU
// object for the VM's life and unplug only clears `enabled`. No register bit is
// added for it: flags bit 0 reads "enabled" on every architecture, and the AML turns
// it into _STA through the same policy, so the 12-byte ABI stays QEMU's.
//
// Host calls (plug, unplug...) that break the machine's own rules throw RangeError
// (index out of range) or CpuHotplugError. Guest accesses (read, write) never throw.
import { REGISTER_BLOCK_LENGTH } from './abi.ts';
import { fitsLegacyBitmap, LEGACY_WINDOW_LENGTH, LegacyBlock } from './legacy.ts';
import type { PresencePolicy } from './presence.ts';
import { ModernBlock, sizeMask, splitAccess, type AccessSize } from './registers.ts';
import { SlotTable, type AcpiOstInfo, type CpuRef, type SlotStatus } from './status.ts';
import type { TraceEvent } from './trace-events.ts';
import { applyVmState, captureVmState, checkVmStateFits, decodeVmState, encodeVmState } from './vmstate.ts';

export type { AcpiOstInfo } from './status.ts';

export interface HotplugControllerOptions {
  /** The possible CPUs; index = selector = _UID. */
  readonly slots: readonly { readonly archId: number }[];
  readonly presence: PresencePolicy;
  /** Start in QEMU <= 7.2's legacy mode (x86 only); the guest's first write of 0 at offset 0 switches. */
  readonly legacy: boolean;
  /** Slot of the boot CPU (QEMU's first_cpu), default 0: never ejected. */
  readonly bootIndex?: number;
  /** The vCPUs' device type (QEMU's type name), for the legacy block's refusal; default 'CPU'. */
  readonly cpuType?: string;
  /** acpi_send_event(ACPI_CPU_HOTPLUG_STATUS): the platform raises GPE0 bit 2 / GED bit 0x8. */
  readonly sendEvent: () => void;
  /** The guest ejected this slot's vCPU: run the unplug handler chain, which calls unplug(index). */
  readonly eject: (index: number) => void;
  /** ACPI_DEVICE_OST, on every _OST status write. */
  readonly ost: (info: AcpiOstInfo) => void;
  readonly trace?: (event: TraceEvent) => void;
  /** Whether `trace` wants events now (a subscriber listens); when false, none is built. */
  readonly tracing?: () => boolean;
  /**
   * Serve the arm64 RFC V5's reverted presence bit (flags bit 5, CPRS) to AML that
   * reads it; default false, QEMU's ABI. It can change at run time (presentBit).
   */
  readonly presentBit?: boolean;
  /**
   * A callback made during a guest access (eject, ost, trace) threw. The access
   * still completes and does not throw; by default the error is rethrown from a
   * microtask, so a host bug is neither lost nor mistaken for a guest error.
   */
  readonly onCallbackError?: (error: unknown, callback: 'eject' | 'ost' | 'trace') => void;
}

export type CpuHotplugErrorCode = 'slot-occupied' | 'no-cpu' | 'boot-cpu' | 'legacy-mode' | 'cpu-mismatch' | 'presence';

/** A host request the controller refuses; nothing was changed. */
export class CpuHotplugError extends Error {
  override readonly name = 'CpuHotplugError';
  constructor(readonly code: CpuHotplugErrorCode, message: string) {
    super(message);
  }
}

export interface ControllerSnapshot {
  readonly mode: 'legacy' | 'modern';
  readonly selector: number;
  readonly command: number;
  readonly slots: readonly SlotStatus[];
}

export class CpuHotplugController {
  private readonly slots: SlotTable;
  private readonly block: ModernBlock;
  private readonly legacyBlock: LegacyBlock;
  private readonly bootIndex: number;
  private currentMode: 'legacy' | 'modern';
  /**
   * Whether flags bit 5 reads "the slot holds a vCPU object". The machine sets it
   * from the AML its guest runs, which after a migration may be another type's.
   */
  presentBit: boolean;

  constructor(private readonly options: HotplugControllerOptions) {
    const n = options.slots.length;
    if (n < 1) throw new RangeError('CPU hot-plug controller needs at least one slot');
    options.slots.forEach(({ archId }, i) => {
      if (!Number.isSafeInteger(archId) || archId < 0) throw new RangeError(`slot ${i}: arch id ${archId} is not a non-negative integer`);
    });
    this.bootIndex = options.bootIndex ?? 0;
    this.presentBit = options.presentBit ?? false;
    if (!Number.isInteger(this.bootIndex) || this.bootIndex < 0 || this.bootIndex >= n) {
      throw new RangeError(`boot CPU index ${this.bootIndex} is outside slots 0..${n - 1}`);
    }
    if (options.legacy && !options.presence.destroyOnUnplug) {
      throw new RangeError("the legacy CPU hot-plug block is x86's: it needs presence 'toggles'");
    }
    this.slots = new SlotTable(options.slots.map((s) => s.archId));
    const trace = options.trace;
    this.block = new ModernBlock(this.slots, {
      bootIndex: this.bootIndex,
      presentBit: () => this.presentBit,
      ...(trace ? { trace: (e: TraceEvent) => this.guard('trace', () => trace(e)) } : {}),
      ...(options.tracing ? { tracing: options.tracing } : {}),
      eject: (i) => this.guard('eject', () => this.options.eject(i)),
      ost: (i) => this.guard('ost', () => this.options.ost(this.slots.ostInfo(i))),
    });
    this.legacyBlock = new LegacyBlock(this.slots);
    this.currentMode = options.legacy ? 'legacy' : 'modern';
  }

  /** Which block the guest sees. */
  get mode(): 'legacy' | 'modern' {
    return this.currentMode;
  }

  /** Bytes the bus should map: the legacy bitmap is 32, the modern block 12. */
  get windowLength(): number {
    return this.currentMode === 'legacy' ? LEGACY_WINDOW_LENGTH : REGISTER_BLOCK_LENGTH;
  }

  get slotCount(): number {
    return this.slots.size;
  }

  // -- host side: the hot-plug handler chain ------------------------------------

  /**
   * A vCPU that exists at machine creation (cpu_hotplug_hw_init's devs[i].cpu):
   * no event. `enabled` false is arm64's possible-but-disabled vCPU; x86 has no
   * vCPU objects that are not enabled.
   */
  attach(index: number, cpu: CpuRef, enabled: boolean): void {
    this.checkIndex(index);
    if (this.slots.cpu(index) !== undefined) throw new CpuHotplugError('slot-occupied', `slot ${index} already has a vCPU object`);
    if (!enabled && this.options.presence.destroyOnUnplug) {
      throw new CpuHotplugError('presence', `slot ${index}: with presence 'toggles' a vCPU object is always enabled`);
    }
    this.place(index, cpu, enabled, false);
  }

  /** acpi_cpu_plug_cb: only a hot-plugged vCPU gets an insert event and an SCI. */
  plug(index: number, cpu: CpuRef, hotplugged: boolean): void {
    this.checkIndex(index);
    if (this.slots.enabled(index)) throw new CpuHotplugError('slot-occupied', `slot ${index} already holds an enabled vCPU`);
    const kept = this.slots.cpu(index);
    // PRESENCE_ALWAYS: re-plugging a disabled slot re-enables the object it kept.
    if (kept !== undefined && kept !== cpu) {
      throw new CpuHotplugError('cpu-mismatch', `slot ${index} keeps its own vCPU object; plug that one`);
    }
    this.place(index, cpu, true, hotplugged);
  }

  private place(index: number, cpu: CpuRef, enabled: boolean, hotplugged: boolean): void {
    if (this.currentMode === 'legacy' && enabled) {
      if (fitsLegacyBitmap(this.slots.archId(index))) {
        // Legacy plug: the bitmap bit (derived from the slot) and the SCI, no insert event.
        this.slots.setCpu(index, cpu);
        this.slots.setEnabled(index, true);
        if (hotplugged) this.options.sendEvent();
        return;
      }
      // An arch id beyond the 256-bit bitmap switches QEMU to the modern block.
      // Deliberate difference: QEMU 7.2 rebuilds the modern state before it records
      // a hot-plugged CPU and then returns, so that CPU reads flags 0 with no event
      // and can never be ejected (checked live with APIC id 260). We record it and
      // give it the modern plug's insert event instead. A cold-plugged one is the same.
      this.switchToModern();
    }
    this.slots.setCpu(index, cpu);
    this.slots.setEnabled(index, enabled);
    if (hotplugged) {
      this.slots.setInserting(index, true);
      this.options.sendEvent();
    }
  }

  /** acpi_cpu_unplug_request_cb (device_del): a remove event and an SCI. Repeatable. */
  unplugRequest(index: number): void {
    this.checkUnpluggable(index, 'unplug request');
    this.slots.setRemoving(index, true);
    this.options.sendEvent();
  }

  /**
   * acpi_cpu_unplug_cb, which the machine's unplug chain calls once the guest has
   * ejected the vCPU. PRESENCE_TOGGLES: the slot is emptied. PRESENCE_ALWAYS: the
   * vCPU object stays and only `enabled` clears. Pending events are left alone.
   */
  unplug(index: number): void {
    this.checkUnpluggable(index, 'unplug');
    this.slots.setEnabled(index, false);
    if (this.options.presence.destroyOnUnplug) this.slots.setCpu(index, undefined);
  }

  private checkUnpluggable(index: number, what: string): void {
    this.checkIndex(index);
    // QEMU's order: the board refuses the boot CPU before the ACPI device is asked.
    if (index === this.bootIndex) throw new CpuHotplugError('boot-cpu', 'Boot CPU is unpluggable');
    if (this.currentMode === 'legacy') {
      throw new CpuHotplugError('legacy-mode', `acpi: device ${what} for not supported device type: ${this.options.cpuType ?? 'CPU'}`);
    }
    if (!this.slots.enabled(index)) throw new CpuHotplugError('no-cpu', `slot ${index} holds no enabled vCPU`);
  }

  /** acpi_cpu_ospm_status (query-acpi-ospm-status); QEMU lists no CPUs in legacy mode. */
  ospmStatus(): AcpiOstInfo[] {
    if (this.currentMode === 'legacy') return [];
    return Array.from({ length: this.slots.size }, (_, i) => this.slots.ostInfo(i));
  }

  // -- guest side ----------------------------------------------------------------

  /** A guest read of `size` bytes at `offset` in the window. Never throws. */
  read(offset: number, size: AccessSize): number {
    if (!this.validAccess(offset, size)) return 0;
    if (this.currentMode === 'legacy') return this.legacyBlock.read(offset, size);
    let v = 0;
    for (const p of splitAccess(offset, size)) {
      // Bytes beyond the window are not ours: the bus gives them to whatever is there.
      if (p.offset >= REGISTER_BLOCK_LENGTH) continue;
      v |= (this.block.read(p.offset) & sizeMask(p.size)) << p.shift;
    }
    return v >>> 0;
  }

  /** A guest write of `size` bytes at `offset` in the window. Never throws. */
  write(offset: number, size: AccessSize, value: number): void {
    if (!this.validAccess(offset, size)) return;
    const data = (Number(value) >>> 0) & sizeMask(size);
    if (this.currentMode === 'legacy') {
      // The rest of a switching access still goes to the legacy block, where it is ignored.
      if (this.legacyBlock.write(offset, data)) this.switchToModern();
      return;
    }
    for (const p of splitAccess(offset, size)) {
      if (p.offset >= REGISTER_BLOCK_LENGTH) continue;
      this.block.write(p.offset, (data >>> p.shift) & sizeMask(p.size));
    }
  }

  private validAccess(offset: number, size: number): boolean {
    return Number.isInteger(offset) && offset >= 0 && offset < this.windowLength && (size === 1 || size === 2 || size === 4);
  }

  /**
   * QEMU's acpi_switch_to_modern_cphp: the modern state is created afresh
   * (cpu_hotplug_hw_init, g_new0): vCPUs in place, no events, no _OST values. The
   * selector and command are not touched (and are 0: legacy mode cannot write them).
   */
  private switchToModern(): void {
    this.currentMode = 'modern';
    this.slots.clearEvents();
  }

  // -- migration -------------------------------------------------------------------

  saveState(): Uint8Array {
    const withEnabled = !this.options.presence.destroyOnUnplug;
    return encodeVmState(captureVmState(this.slots, this.block, withEnabled, this.currentMode === 'legacy'));
  }

  /**
   * Loads a stream from saveState (or QEMU's layout). The whole stream is parsed and
   * checked against this controller first; on any HotplugStateError nothing changes.
   *
   * The vCPU objects are not part of the stream, as in QEMU (whose CPU pointers
   * come from the destination's own -device list): each slot keeps the object this
   * controller already has. Only the register state moves: selector, command, event
   * bits, _OST values, arm64's enabled bits and the legacy/modern mode. fw_remove is
   * not migrated either, and keeps this controller's value (QEMU's pitfall §6.3).
   */
  loadState(bytes: Uint8Array): void {
    const s = decodeVmState(bytes, this.slots.size);
    checkVmStateFits(s, this.slots, { ...this.options, bootIndex: this.bootIndex });
    if (s.legacy) this.currentMode = 'legacy';
    else if (this.currentMode === 'legacy') this.switchToModern(); // QEMU's pre_load
    applyVmState(this.slots, this.block, s);
  }

  // -- observation (tests, QMP) -----------------------------------------------------

  slot(index: number): SlotStatus {
    this.checkIndex(index);
    return this.slots.snapshot(index);
  }

  snapshot(): ControllerSnapshot {
    return {
      mode: this.currentMode,
      selector: this.block.selector,
      command: this.block.command,
      slots: Array.from({ length: this.slots.size }, (_, i) => this.slots.snapshot(i)),
    };
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.slots.size) {
      throw new RangeError(`CPU slot ${index} is outside 0..${this.slots.size - 1}`);
    }
  }

  private guard(callback: 'eject' | 'ost' | 'trace', fn: () => void): void {
    try {
      fn();
    } catch (error) {
      let lost = error;
      try {
        if (this.options.onCallbackError) return this.options.onCallbackError(error, callback);
      } catch (reportError) {
        lost = reportError;
      }
      queueMicrotask(() => {
        throw lost;
      });
    }
  }
}
