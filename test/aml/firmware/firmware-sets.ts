// Firmware-shaped table sets written for this suite (test/aml/firmware/<set>/):
// each is a DSDT, SSDTs and OEMx tables in ASL, committed with the acpidump text
// file (<set>/<set>.acpidump) that scripts/compile-aml-cases.ts makes from them,
// as `acpidump` on a machine would print its tables. The tests read the
// acpidump file, so they need no iasl; the drift check recompiles.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatAcpidump, parseAcpidump, type DumpedTable } from '../../../src/acpi/index.ts';
import { compileAsl, sameAml } from '../interp/cases/cases.ts';

export const FIRMWARE_DIR = fileURLToPath(new URL('.', import.meta.url));

export interface FirmwareSet {
  readonly name: string;
  /** The ASL sources: dsdt.asl first, then the others by name. */
  readonly aslPaths: readonly string[];
  readonly dumpPath: string;
}

export function listFirmwareSets(dir: string = FIRMWARE_DIR): FirmwareSet[] {
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => {
    const setDir = join(dir, d.name);
    const asl = readdirSync(setDir).filter((f) => f.endsWith('.asl')).sort((a, b) => (a === 'dsdt.asl' ? -1 : b === 'dsdt.asl' ? 1 : a.localeCompare(b)));
    return { name: d.name, aslPaths: asl.map((f) => join(setDir, f)), dumpPath: join(setDir, `${d.name}.acpidump`) };
  }).sort((a, b) => a.name.localeCompare(b.name));
}

/** The set as acpidump text, compiled now (iasl needed); addresses are made up, one page apart. */
export function buildFirmwareDump(set: FirmwareSet): string {
  const tables: DumpedTable[] = set.aslPaths.map((p, i) => {
    const bytes = compileAsl(p);
    return { signature: String.fromCharCode(...bytes.subarray(0, 4)), address: 0x7ffe0000n + BigInt(i) * 0x1000n, bytes };
  });
  return formatAcpidump(tables);
}

/** The committed acpidump file's tables, in file order. */
export function readFirmwareSet(set: FirmwareSet): DumpedTable[] {
  return parseAcpidump(readFileSync(set.dumpPath, 'latin1'));
}

/** Same tables apart from the compiler's own header fields (sameAml). */
export function sameDump(a: string, b: string): boolean {
  const x = parseAcpidump(a), y = parseAcpidump(b);
  return x.length === y.length && x.every((t, i) => t.signature === y[i]!.signature && sameAml(t.bytes, y[i]!.bytes));
}

export const setLabel = (set: FirmwareSet) => `${set.name} (${set.aslPaths.map((p) => basename(p)).join(', ')})`;
