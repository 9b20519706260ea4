// A small model of QEMU's CPU hot-plug register block (hw/acpi/cpu.c
// cpu_hotplug_rd/cpu_hotplug_wr), just enough to run the AML against it in tests:
// selector, flags (write 1 to clear insert/remove, in if/else order), command 0's
// wrap-around search for the next CPU with an event, and command data.
import type { AccessWidth, RegionHandler } from '../../../src/aml/interp/index.ts';

export interface FakeCpu {
  enabled: boolean;
  inserting: boolean;
  removing: boolean;
}

export class FakeCpuHotplug implements RegionHandler {
  readonly cpus: FakeCpu[];
  selector = 0;
  command = 0;
  /** Writes of the eject bit, by selector. */
  readonly ejected: number[] = [];

  constructor(readonly base: bigint, count: number) {
    this.cpus = Array.from({ length: count }, (_, i) => ({ enabled: i === 0, inserting: false, removing: false }));
  }

  /** Hot-adds CPU `i`: enabled, with an insert event pending. */
  plug(i: number): void {
    this.cpus[i]!.enabled = true;
    this.cpus[i]!.inserting = true;
  }

  read(address: bigint, _bitWidth: AccessWidth): bigint {
    const cpu = this.cpus[this.selector];
    if (!cpu) return 0n;
    switch (Number(address - this.base)) {
      case 4: return BigInt((cpu.enabled ? 1 : 0) | (cpu.inserting ? 2 : 0) | (cpu.removing ? 4 : 0));
      case 8: return this.command === 0 ? BigInt(this.selector) : 0n;
      default: return 0n;
    }
  }

  write(address: bigint, _bitWidth: AccessWidth, value: bigint): void {
    const offset = Number(address - this.base);
    if (offset === 0) {
      this.selector = Number(value);
      return;
    }
    const cpu = this.cpus[this.selector];
    if (!cpu) return;
    if (offset === 4) {
      if (value & 2n) cpu.inserting = false;
      else if (value & 4n) cpu.removing = false;
      else if (value & 8n) this.ejected.push(this.selector);
    } else if (offset === 5) {
      this.command = Number(value);
      if (this.command === 0) this.searchNextEvent();
    }
  }

  /** Command 0: from the selector on, wrapping around, stop at the first CPU with an event. */
  private searchNextEvent(): void {
    const n = this.cpus.length;
    let i = this.selector;
    do {
      const c = this.cpus[i]!;
      if (c.inserting || c.removing) {
        this.selector = i;
        return;
      }
      i = i + 1 < n ? i + 1 : 0;
    } while (i !== this.selector);
  }
}
