import { structure } from './madt-structure.ts';
import { processorFlags, type ProcessorState } from './processor-flags.ts';

// ACPI 6.5 §5.2.12.2 Processor Local APIC Structure
export interface LocalApicEntry {
  readonly type: 'local-apic';
  /** ACPI Processor UID, 8-bit here: larger UIDs need 'local-x2apic'. */
  readonly uid: number;
  readonly apicId: number;
  readonly state: ProcessorState;
}

// ACPI 6.5 §5.2.12.12 Processor Local x2APIC Structure
export interface LocalX2ApicEntry {
  readonly type: 'local-x2apic';
  readonly uid: number;
  readonly x2apicId: number;
  readonly state: ProcessorState;
}

// ACPI 6.5 §5.2.12.3 I/O APIC Structure
export interface IoApicEntry {
  readonly type: 'io-apic';
  readonly id: number;
  readonly address: number;
  readonly gsiBase: number;
}

// ACPI 6.5 §5.2.12.5 Interrupt Source Override Structure
export interface InterruptOverrideEntry {
  readonly type: 'interrupt-override';
  /** 0 = ISA. */
  readonly bus: number;
  /** Bus-relative IRQ. */
  readonly source: number;
  readonly gsi: number;
  /** MPS_INTI flags (polarity, trigger mode). */
  readonly flags: number;
}

// ACPI 6.5 §5.2.12.7 Local APIC NMI Structure
export interface LocalApicNmiEntry {
  readonly type: 'local-apic-nmi';
  /** ACPI Processor UID, 0xFF = all processors. */
  readonly uid: number;
  readonly flags: number;
  /** Local APIC LINT# input the NMI is connected to (0 or 1). */
  readonly lint: number;
}

// ACPI 6.5 §5.2.12.13 Local x2APIC NMI Structure
export interface LocalX2ApicNmiEntry {
  readonly type: 'local-x2apic-nmi';
  readonly flags: number;
  /** ACPI Processor UID, 0xFFFFFFFF = all processors. */
  readonly uid: number;
  readonly lint: number;
}

// ACPI 6.5 §5.2.12.5 MPS INTI Flags: polarity bits 1:0, trigger mode bits 3:2
export const MPS_INTI = {
  POLARITY_CONFORMS: 0b00,
  ACTIVE_HIGH: 0b01,
  ACTIVE_LOW: 0b11,
  TRIGGER_CONFORMS: 0b00 << 2,
  EDGE: 0b01 << 2,
  LEVEL: 0b11 << 2,
} as const;

// ACPI 6.5 §5.2.12.2 Processor Local APIC Structure
export function localApic(e: LocalApicEntry): Uint8Array {
  return structure('local-apic', (w) =>
    w.u8('local APIC processor UID', e.uid).u8('APIC ID', e.apicId).u32('flags', processorFlags(e.state, 'lapic')),
  );
}

// ACPI 6.5 §5.2.12.12 Processor Local x2APIC Structure
export function localX2Apic(e: LocalX2ApicEntry): Uint8Array {
  return structure('local-x2apic', (w) =>
    w
      .zeros(2)
      .u32('x2APIC ID', e.x2apicId)
      .u32('flags', processorFlags(e.state, 'lapic'))
      .u32('x2APIC processor UID', e.uid),
  );
}

// ACPI 6.5 §5.2.12.3 I/O APIC Structure
export function ioApic(e: IoApicEntry): Uint8Array {
  return structure('io-apic', (w) =>
    w.u8('I/O APIC ID', e.id).zeros(1).u32('I/O APIC address', e.address).u32('GSI base', e.gsiBase),
  );
}

// ACPI 6.5 §5.2.12.5 Interrupt Source Override Structure
export function interruptOverride(e: InterruptOverrideEntry): Uint8Array {
  return structure('interrupt-override', (w) =>
    w.u8('bus', e.bus).u8('source', e.source).u32('GSI', e.gsi).u16('MPS INTI flags', e.flags),
  );
}

// ACPI 6.5 §5.2.12.7 Local APIC NMI Structure
export function localApicNmi(e: LocalApicNmiEntry): Uint8Array {
  return structure('local-apic-nmi', (w) =>
    w.u8('NMI processor UID', e.uid).u16('MPS INTI flags', e.flags).u8('LINT#', e.lint),
  );
}

// ACPI 6.5 §5.2.12.13 Local x2APIC NMI Structure
export function localX2ApicNmi(e: LocalX2ApicNmiEntry): Uint8Array {
  return structure('local-x2apic-nmi', (w) =>
    w.u16('MPS INTI flags', e.flags).u32('x2APIC NMI processor UID', e.uid).u8('LINT#', e.lint).zeros(3),
  );
}
