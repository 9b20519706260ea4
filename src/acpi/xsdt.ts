import { beginTable, finishTable, type OemInfo } from './header.ts';
import type { U64 } from './table-writer.ts';

export interface XsdtInput {
  readonly oem: OemInfo;
  /** ACPI 6.5 defines revision 1. */
  readonly revision: number;
  /** Physical addresses of the other tables (FADT first, by convention). */
  readonly tables: readonly U64[];
}

// ACPI 6.5 §5.2.8 Extended System Description Table (XSDT): header, then 64-bit Entry[n]
export function buildXsdt(input: XsdtInput): Uint8Array {
  const w = beginTable({ signature: 'XSDT', revision: input.revision, oem: input.oem });
  input.tables.forEach((address, i) => w.u64(`XSDT entry ${i}`, address));
  return finishTable(w);
}
