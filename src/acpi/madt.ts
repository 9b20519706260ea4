import { AcpiTableError } from './errors.ts';
import { beginTable, finishTable, type OemInfo } from './header.ts';
import {
  interruptOverride,
  ioApic,
  localApic,
  localApicNmi,
  localX2Apic,
  localX2ApicNmi,
} from './madt-apic.ts';
import { gicc, gicd, gicIts, gicr } from './madt-gic.ts';
import type { MadtEntry } from './madt-structure.ts';

export interface MadtInput {
  readonly oem: OemInfo;
  /** QEMU 7.2 writes 1 on x86. The Online Capable bit was defined with revision 5 (ACPI 6.3). */
  readonly revision: number;
  /** Local Interrupt Controller Address: 0xFEE00000 on x86, 0 on arm64. */
  readonly localApicAddress: number;
  /** MADT_FLAGS bits. */
  readonly flags: number;
  readonly entries: readonly MadtEntry[];
}

// ACPI 6.5 §5.2.12 Multiple APIC Description Table (MADT): header fields and flags
export const MADT = {
  LOCAL_INTERRUPT_CONTROLLER_ADDRESS: 36,
  FLAGS: 40,
  /** The interrupt controller structures start here. */
  ENTRIES: 44,
} as const;

export const MADT_FLAGS = {
  /** The system also has dual 8259s; OSPM must mask them. */
  PCAT_COMPAT: 1 << 0,
} as const;

// ACPI 6.5 §5.2.12 Multiple APIC Description Table (MADT)
export function buildMadt(input: MadtInput): Uint8Array {
  checkUniqueUids(input.entries);
  const w = beginTable({ signature: 'APIC', revision: input.revision, oem: input.oem })
    .at(MADT.LOCAL_INTERRUPT_CONTROLLER_ADDRESS, 'local interrupt controller address')
    .u32('local interrupt controller address', input.localApicAddress)
    .u32('MADT flags', input.flags)
    .at(MADT.ENTRIES, 'interrupt controller structures');
  for (const e of input.entries) w.bytes(madtEntry(e));
  return finishTable(w);
}

/** The bytes of any MADT structure; also what a processor's _MAT method returns. */
export function madtEntry(e: MadtEntry): Uint8Array {
  switch (e.type) {
    case 'local-apic': return localApic(e);
    case 'local-x2apic': return localX2Apic(e);
    case 'io-apic': return ioApic(e);
    case 'interrupt-override': return interruptOverride(e);
    case 'local-apic-nmi': return localApicNmi(e);
    case 'local-x2apic-nmi': return localX2ApicNmi(e);
    case 'gicc': return gicc(e);
    case 'gicd': return gicd(e);
    case 'gicr': return gicr(e);
    case 'gic-its': return gicIts(e);
    default:
      throw new AcpiTableError('bad-value', `MADT entry type ${JSON.stringify((e as { type: unknown }).type)} is unknown`);
  }
}

/**
 * The OS matches each processor Device's _UID to one MADT processor structure
 * (Linux rejects duplicates), so a UID may appear only once across Local APIC,
 * x2APIC and GICC structures.
 */
function checkUniqueUids(entries: readonly MadtEntry[]): void {
  const seen = new Set<number>();
  for (const e of entries) {
    if (e.type !== 'local-apic' && e.type !== 'local-x2apic' && e.type !== 'gicc') continue;
    if (seen.has(e.uid)) {
      throw new AcpiTableError('duplicate-uid', `ACPI Processor UID ${e.uid} appears in more than one MADT entry`);
    }
    seen.add(e.uid);
  }
}
