// ACPI 6.5 §5.2.6 System Description Table Header, and the check that a table is a
// definition block (DSDT, SSDT, or the OEM/PSDT kinds that hold AML).
import type { TableHeader } from './ast.ts';
import { decodeError } from './errors.ts';

export const TABLE_HEADER_LENGTH = 36;

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

/** Signatures whose body is AML (ACPI 6.5 §5.2.11). */
export const isDefinitionBlock = (signature: string): boolean =>
  signature === 'DSDT' || signature === 'SSDT' || signature === 'PSDT' || signature.startsWith('OEM');

/**
 * Reads and checks the header: the table must hold at least the header, and its
 * Length must fit the bytes given (extra bytes after Length are ignored, as
 * ACPICA does). A bad checksum is reported, not fatal, since QEMU's fw_cfg tables
 * carry 0 until the guest's loader patches them.
 */
export function readTableHeader(bytes: Uint8Array): TableHeader {
  if (bytes.length < TABLE_HEADER_LENGTH) {
    throw decodeError(0, `table of ${bytes.length} bytes is shorter than its ${TABLE_HEADER_LENGTH}-byte header`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = dv.getUint32(4, true);
  if (length < TABLE_HEADER_LENGTH) throw decodeError(4, `table Length ${length} is shorter than the header`);
  if (length > bytes.length) throw decodeError(4, `table Length ${length} exceeds the ${bytes.length} bytes given`);
  let valid: boolean | undefined;
  return {
    signature: ascii(bytes, 0, 4),
    length,
    revision: bytes[8]!,
    checksum: bytes[9]!,
    // Summed when asked (only Load does): a 4096-CPU DSDT is half a megabyte, and
    // a loader reads its header more than once.
    get checksumValid() {
      if (valid === undefined) {
        let sum = 0;
        for (let i = 0; i < length; i++) sum += bytes[i]!;
        valid = (sum & 0xff) === 0;
      }
      return valid;
    },
    oemId: ascii(bytes, 10, 6),
    oemTableId: ascii(bytes, 16, 8),
    oemRevision: dv.getUint32(24, true),
    creatorId: ascii(bytes, 28, 4),
    creatorRevision: dv.getUint32(32, true),
  };
}

/** Most tables one file may hold (acpidump of a large server: under 100). */
export const MAX_TABLES_PER_FILE = 256;

/**
 * The tables of a file that holds several back to back (iasl output of an ASL
 * file with several DefinitionBlocks, acpiexec's input): each header's Length
 * gives the next table's start. Throws a decode error for a truncated table.
 */
export function splitTables(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (out.length >= MAX_TABLES_PER_FILE) throw decodeError(at, `more than ${MAX_TABLES_PER_FILE} tables in one file`);
    const rest = bytes.subarray(at);
    let header: TableHeader;
    try {
      header = readTableHeader(rest);
    } catch (e) {
      throw decodeError(at, `table ${out.length + 1} at byte ${at}: ${(e as Error).message}`);
    }
    out.push(rest.subarray(0, header.length));
    at += header.length;
  }
  return out;
}
