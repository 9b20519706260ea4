import { checksum8 } from './checksum.ts';
import { writeOemId } from './header.ts';
import { assertLength, TableWriter, type U64 } from './table-writer.ts';

export interface RsdpInput {
  /** Exactly 6 ASCII characters, normally the same as the tables' OEM ID. */
  readonly oemId: string;
  /** 32-bit RSDT address; 0 when only the XSDT is provided. */
  readonly rsdtAddress: number;
  readonly xsdtAddress: U64;
}

// ACPI 6.5 §5.2.5.3 Root System Description Pointer (RSDP) Structure
export const RSDP = {
  SIGNATURE: 0,
  CHECKSUM: 8,
  OEM_ID: 9,
  REVISION: 15,
  RSDT_ADDRESS: 16,
  /** The ACPI 1.0 checksum covers bytes before this offset. */
  V1_SIZE: 20,
  LENGTH: 20,
  XSDT_ADDRESS: 24,
  EXTENDED_CHECKSUM: 32,
  /** Size of an ACPI 2.0+ RSDP; the extended checksum covers all of it. */
  SIZE: 36,
} as const;

/** ACPI 2.0+ RSDP revision (0 is the 20-byte ACPI 1.0 form). */
const RSDP_REVISION = 2;

// ACPI 6.5 §5.2.5.3 Root System Description Pointer (RSDP) Structure
export function buildRsdp(input: RsdpInput): Uint8Array {
  const w = new TableWriter().ascii('signature', 'RSD PTR ', 8).u8('checksum placeholder', 0);
  writeOemId(w, input.oemId)
    .u8('revision', RSDP_REVISION)
    .u32('RSDT address', input.rsdtAddress)
    .at(RSDP.LENGTH, 'length')
    .u32('length', RSDP.SIZE)
    .u64('XSDT address', input.xsdtAddress)
    .u8('extended checksum placeholder', 0)
    .zeros(3);
  const bytes = assertLength('RSDP', w.finish(), RSDP.SIZE);
  // The first checksum is part of the extended one, so it is computed first.
  bytes[RSDP.CHECKSUM] = checksum8(bytes.subarray(0, RSDP.V1_SIZE));
  bytes[RSDP.EXTENDED_CHECKSUM] = checksum8(bytes);
  return bytes;
}
