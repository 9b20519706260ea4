// The text format of ACPICA's `acpidump` (what `acpidump > tables.dat` on a
// machine writes, and what acpixtract reads): for each table a line
// `SIG @ 0xADDRESS`, then hex lines `    OFFS: XX XX ... XX  ascii`, 16 bytes each,
// then a blank line. The RSDP (`RSD PTR @ ...`) has no table header and is skipped.

import { AcpiTableError } from './errors.ts';

export interface DumpedTable {
  readonly signature: string;
  /** The physical address acpidump printed (0 for tables we format ourselves). */
  readonly address: bigint;
  readonly bytes: Uint8Array;
}

/** Bounds on what parseAcpidump accepts (an acpidump of a large server: under 100 tables, under 1 MiB each). */
export interface AcpidumpLimits {
  readonly maxTables: number;
  readonly maxTableBytes: number;
}

export const DEFAULT_ACPIDUMP_LIMITS: AcpidumpLimits = { maxTables: 256, maxTableBytes: 2 << 20 };

const RE_HEADER = /^([A-Za-z0-9_!]{4}|RSD PTR) @ 0x([0-9A-Fa-f]{1,16})\s*$/;
const RE_HEX = /^\s*([0-9A-Fa-f]{4,8}): ((?:[0-9A-Fa-f]{2} ?){1,16})/;

/** True if `text` starts like an acpidump file (its first non-blank line is a table line). */
export function looksLikeAcpidump(text: string): boolean {
  const first = text.split('\n', 8).find((l) => l.trim() !== '');
  return first !== undefined && RE_HEADER.test(first.trim());
}

/**
 * The tables of an acpidump text, in file order. Each table's bytes must be
 * contiguous from offset 0 and as long as its header's Length; anything else
 * throws AcpiTableError with the line number.
 */
export function parseAcpidump(text: string, limits: AcpidumpLimits = DEFAULT_ACPIDUMP_LIMITS): DumpedTable[] {
  const out: DumpedTable[] = [];
  let cur: { signature: string; address: bigint; chunks: number[]; line: number } | undefined;
  const bad = (line: number, why: string) => new AcpiTableError('bad-value', `acpidump line ${line}: ${why}`);
  const finish = () => {
    if (!cur) return;
    const bytes = Uint8Array.from(cur.chunks);
    if (cur.signature !== 'RSD PTR') {
      if (bytes.length < 36) throw bad(cur.line, `table ${cur.signature} has ${bytes.length} bytes, fewer than a header`);
      const length = new DataView(bytes.buffer).getUint32(4, true);
      if (length !== bytes.length) throw bad(cur.line, `table ${cur.signature} has ${bytes.length} bytes but its header says ${length}`);
      if (out.length >= limits.maxTables) throw bad(cur.line, `more than ${limits.maxTables} tables`);
      out.push({ signature: cur.signature, address: cur.address, bytes });
    }
    cur = undefined;
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const n = i + 1;
    let m: RegExpExecArray | null;
    if ((m = RE_HEADER.exec(line.trim()))) {
      finish();
      cur = { signature: m[1]!, address: BigInt(`0x${m[2]}`), chunks: [], line: n };
    } else if ((m = RE_HEX.exec(line))) {
      if (!cur) throw bad(n, 'hex data before any "SIG @ 0xADDRESS" line');
      const offset = parseInt(m[1]!, 16);
      if (offset !== cur.chunks.length) throw bad(n, `offset 0x${m[1]} where 0x${cur.chunks.length.toString(16)} was expected`);
      for (const h of m[2]!.trim().split(/\s+/)) cur.chunks.push(parseInt(h, 16));
      if (cur.chunks.length > limits.maxTableBytes) throw bad(n, `table ${cur.signature} is over ${limits.maxTableBytes} bytes`);
    } else if (line.trim() !== '') {
      throw bad(n, `not an acpidump line: ${JSON.stringify(line.slice(0, 40))}`);
    }
  }
  finish();
  if (out.length === 0) throw new AcpiTableError('bad-value', 'acpidump: no tables');
  return out;
}

const printable = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

/** Tables in acpidump's text format (addresses as given, 0 when unknown). */
export function formatAcpidump(tables: readonly DumpedTable[]): string {
  const out: string[] = [];
  for (const t of tables) {
    out.push(`${t.signature} @ 0x${t.address.toString(16).toUpperCase().padStart(16, '0')}`);
    for (let at = 0; at < t.bytes.length; at += 16) {
      const row = t.bytes.subarray(at, at + 16);
      const hex = Array.from(row, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
      out.push(`    ${at.toString(16).toUpperCase().padStart(4, '0')}: ${hex.padEnd(47)}  ${Array.from(row, printable).join('')}`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
