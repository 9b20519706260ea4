import { checksum8 } from './checksum.ts';
import { patchU32, TableWriter } from './table-writer.ts';

/** Who made the table: the OEM and creator fields of every SDT header. */
export interface OemInfo {
  /** Exactly 6 ASCII characters (pad with spaces or NUL). */
  readonly oemId: string;
  /** Exactly 8 ASCII characters. */
  readonly oemTableId: string;
  readonly oemRevision: number;
  /** Exactly 4 ASCII characters (ASL compiler id for DSDT/SSDT). */
  readonly creatorId: string;
  readonly creatorRevision: number;
}

/** QEMU 7.2's values (ACPI_BUILD_APPID, ACPI_BUILD_APPNAME8), so our tables diff against its dumps. */
export const QEMU_OEM: OemInfo = Object.freeze({
  oemId: 'BOCHS ',
  oemTableId: 'BXPC    ',
  oemRevision: 1,
  creatorId: 'BXPC',
  creatorRevision: 1,
});

export interface TableHeader {
  /** Exactly 4 ASCII characters, e.g. 'APIC' for the MADT. */
  readonly signature: string;
  readonly revision: number;
  readonly oem: OemInfo;
}

// ACPI 6.5 §5.2.6 System Description Table Header
export const SDT_HEADER = {
  SIGNATURE: 0,
  LENGTH: 4,
  REVISION: 8,
  CHECKSUM: 9,
  OEM_ID: 10,
  OEM_TABLE_ID: 16,
  OEM_REVISION: 24,
  CREATOR_ID: 28,
  CREATOR_REVISION: 32,
  /** Size of the header; the table body starts here. */
  SIZE: 36,
} as const;

/** Writes the OEM ID alone (the RSDP carries it without the rest of the header). */
export function writeOemId(w: TableWriter, oemId: string): TableWriter {
  return w.ascii('OEM ID', oemId, 6);
}

/**
 * Starts a table: the 36-byte header with length and checksum as zero
 * placeholders (QEMU's acpi_table_begin). Append the body, then finishTable().
 */
export function beginTable(header: TableHeader): TableWriter {
  const { oem } = header;
  const w = new TableWriter()
    .ascii('signature', header.signature, 4)
    .u32('length placeholder', 0)
    .u8('revision', header.revision)
    .u8('checksum placeholder', 0);
  writeOemId(w, oem.oemId)
    .ascii('OEM table ID', oem.oemTableId, 8)
    .u32('OEM revision', oem.oemRevision)
    .ascii('creator ID', oem.creatorId, 4)
    .u32('creator revision', oem.creatorRevision);
  return w.at(SDT_HEADER.SIZE, 'table body');
}

/**
 * Ends a table: patches the length, then the checksum, last, so that nothing
 * written after can invalidate them (QEMU's acpi_table_end).
 */
export function finishTable(w: TableWriter): Uint8Array {
  const bytes = w.finish();
  patchU32(bytes, SDT_HEADER.LENGTH, 'table length', bytes.length);
  bytes[SDT_HEADER.CHECKSUM] = checksum8(bytes);
  return bytes;
}
