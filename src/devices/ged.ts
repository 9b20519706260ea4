import type { AccessSize, BusDevice } from './bus.ts';

/** GED event bits (QEMU's ged-event property). */
export const GedEvent = {
  MEM_HOTPLUG: 0x1,
  PWR_DOWN: 0x2,
  NVDIMM_HOTPLUG: 0x4,
  CPU_HOTPLUG: 0x8,
} as const;

/**
 * The Generic Event Device's event selector (hardware-reduced ACPI, ACPI0013):
 * a 4-byte register, 4-byte accesses only, that reads the pending event bits and
 * clears them; writes are ignored. Each event pulses the edge interrupt that makes
 * the guest run \_SB.GED._EVT.
 */
export class GenericEventDevice implements BusDevice {
  private sel = 0;

  constructor(private readonly pulse: () => void) {}

  send(event: number): void {
    this.sel = (this.sel | event) >>> 0;
    this.pulse();
  }

  get pending(): number {
    return this.sel;
  }

  read(offset: number, _size: AccessSize): number {
    if (offset !== 0) return 0;
    const v = this.sel;
    this.sel = 0;
    return v;
  }

  write(): void {
    // ESEL is read-only: QEMU ignores writes.
  }

  save(): number {
    return this.sel;
  }

  load(sel: number): void {
    this.sel = sel >>> 0;
  }
}
