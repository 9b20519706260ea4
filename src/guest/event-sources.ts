// Where the guest's ACPI events come from: on x86 the SCI and the GPE0 block
// (ACPICA's acpi_ev_gpe_detect / dispatch), on hardware-reduced arm64 the Generic
// Event Device's interrupt (Linux drivers/acpi/evged.c).
import type { AcpiContext } from './acpi-context.ts';
import type { FadtInfo } from './firmware-tables.ts';
import type { GuestHardware } from './hardware.ts';

/** One source of events: it owns some interrupt lines and runs AML when they fire. */
export interface EventSource {
  readonly lines: readonly number[];
  /** Handles the interrupt; returns how many event methods ran. */
  service(line: number): number;
}

/**
 * The GPE0 block: at init every GPE with an _Exx/_Lxx method is enabled and stale
 * status is cleared (as Linux does, which is why an event raised before the guest's
 * ACPI init waits for the next SCI). On an SCI each enabled, set bit runs its
 * method: edge GPEs are cleared first, level ones after.
 */
export class GpeBlock implements EventSource {
  readonly lines: readonly number[];
  private readonly base: number;
  private readonly half: number;
  private readonly methods = new Map<number, { path: string; edge: boolean }>();

  constructor(
    private readonly hw: GuestHardware,
    private readonly acpi: AcpiContext,
    fadt: FadtInfo,
    gpe0: { address: number; length: number },
  ) {
    this.lines = [fadt.sciInterrupt];
    this.half = gpe0.length / 2;
    this.base = gpe0.address;
    for (let gpe = 0; gpe < this.half * 8; gpe++) {
      const hex = gpe.toString(16).toUpperCase().padStart(2, '0');
      for (const [prefix, edge] of [['_E', true], ['_L', false]] as const) {
        const path = `\\_GPE.${prefix}${hex}`;
        if (acpi.interp.exists(path)) this.methods.set(gpe, { path, edge });
      }
    }
    for (let i = 0; i < this.half; i++) {
      let enable = 0;
      for (let bit = 0; bit < 8; bit++) if (this.methods.has(8 * i + bit)) enable |= 1 << bit;
      hw.write('io', this.base + i, 1, 0xffn); // clear stale status
      hw.write('io', this.base + this.half + i, 1, BigInt(enable));
    }
  }

  get enabledGpes(): number[] {
    return [...this.methods.keys()];
  }

  service(): number {
    let ran = 0;
    for (let i = 0; i < this.half; i++) {
      const sts = Number(this.hw.read('io', this.base + i, 1));
      const en = Number(this.hw.read('io', this.base + this.half + i, 1));
      const active = sts & en;
      for (let bit = 0; bit < 8; bit++) {
        if (!(active & (1 << bit))) continue;
        const m = this.methods.get(8 * i + bit);
        const clear = () => this.hw.write('io', this.base + i, 1, BigInt(1 << bit));
        if (!m) {
          clear();
          continue;
        }
        this.acpi.events.emit({ type: 'gpe', gpe: 8 * i + bit, method: m.path });
        if (m.edge) clear();
        this.acpi.call(m.path);
        if (!m.edge) clear();
        ran++;
      }
    }
    return ran;
  }
}

/** A Generic Event Device: _EVT(gsi) for each interrupt its _CRS lists. */
export class GedSource implements EventSource {
  constructor(
    private readonly acpi: AcpiContext,
    private readonly path: string,
    readonly lines: readonly number[],
  ) {}

  service(line: number): number {
    this.acpi.call(`${this.path}._EVT`, [line]);
    return 1;
  }
}

/** The interrupt numbers of a _CRS buffer's Extended Interrupt descriptors. */
export function interruptsFromCrs(crs: Uint8Array): number[] {
  const out: number[] = [];
  for (let at = 0; at < crs.length; ) {
    const tag = crs[at]!;
    if (tag & 0x80) {
      if (at + 3 > crs.length) break;
      const len = crs[at + 1]! | (crs[at + 2]! << 8);
      if (tag === 0x89 && len >= 6 && at + 3 + len <= crs.length) {
        const count = crs[at + 4]!;
        const view = new DataView(crs.buffer, crs.byteOffset, crs.length);
        for (let i = 0; i < count && at + 5 + 4 * i + 4 <= crs.length; i++) out.push(view.getUint32(at + 5 + 4 * i, true));
      }
      at += 3 + len;
    } else {
      if ((tag & 0x78) === 0x78) break; // End Tag
      at += 1 + (tag & 0x07);
    }
  }
  return out;
}
