import type { GiccEntry, GicdEntry, GicItsEntry, GicrEntry } from './madt-gic.ts';
import type {
  InterruptOverrideEntry,
  IoApicEntry,
  LocalApicEntry,
  LocalApicNmiEntry,
  LocalX2ApicEntry,
  LocalX2ApicNmiEntry,
} from './madt-apic.ts';
import { assertLength, TableWriter } from './table-writer.ts';

/** One MADT interrupt controller structure, by `type`. */
export type MadtEntry =
  | LocalApicEntry
  | LocalX2ApicEntry
  | IoApicEntry
  | InterruptOverrideEntry
  | LocalApicNmiEntry
  | LocalX2ApicNmiEntry
  | GiccEntry
  | GicdEntry
  | GicrEntry
  | GicItsEntry;

/** Structure type byte and spec length (GICC: the 80-byte ACPI 6.0-6.4 layout). */
export const MADT_ENTRY = {
  'local-apic': { type: 0x00, length: 8 },
  'io-apic': { type: 0x01, length: 12 },
  'interrupt-override': { type: 0x02, length: 10 },
  'local-apic-nmi': { type: 0x04, length: 6 },
  'local-x2apic': { type: 0x09, length: 16 },
  'local-x2apic-nmi': { type: 0x0a, length: 12 },
  gicc: { type: 0x0b, length: 80 },
  gicd: { type: 0x0c, length: 24 },
  gicr: { type: 0x0e, length: 16 },
  'gic-its': { type: 0x0f, length: 20 },
} as const satisfies Record<MadtEntry['type'], { type: number; length: number }>;

/** Writes type and length, then the fields, and checks the spec length. */
export function structure(kind: MadtEntry['type'], fields: (w: TableWriter) => void): Uint8Array {
  const { type, length } = MADT_ENTRY[kind];
  const w = new TableWriter(length).u8('structure type', type).u8('structure length', length);
  fields(w);
  return assertLength(`MADT ${kind} structure`, w.finish(), length);
}
