// The host's table list (its XSDT), which LoadTable and DataTableRegion search: the
// tables a host gave, loaded or not. A leaf: the loader and the table operators share it.
import { readTableHeader, type TableHeader } from '../decode/index.ts';
import { AmlError } from './errors.ts';
import { MAX_HOST_TABLES } from './limits.ts';
import type { Runtime } from './runtime.ts';
import type { LoadedTable } from './types.ts';

/** A table the host has (its XSDT): LoadTable and DataTableRegion find it here, loaded or not. */
export interface HostTable {
  readonly header: TableHeader;
  readonly bytes: Uint8Array;
  /** Set while its objects are in the namespace. */
  loaded: LoadedTable | undefined;
}

/**
 * Adds a table to the host's list (not loaded); the same bytes twice are one entry.
 * At most MAX_HOST_TABLES (limits.ts) are kept.
 */
export function addHostTable(rt: Runtime, bytes: Uint8Array): HostTable {
  const header = readTableHeader(bytes);
  const same = rt.tables.find((t) => t.bytes.length === bytes.length && t.bytes.every((b, i) => b === bytes[i]));
  if (same) return same;
  if (rt.tables.length >= MAX_HOST_TABLES) {
    throw new AmlError('table-too-large', `the host's table list is full (${MAX_HOST_TABLES} tables, limits.ts)`);
  }
  const t: HostTable = { header, bytes: bytes.slice(0, header.length), loaded: undefined };
  rt.tables.push(t);
  return t;
}

/** A header field as LoadTable and DataTableRegion compare it: NUL padding dropped; empty matches anything. */
const fieldMatches = (have: string, want: string) => want === '' || have.replace(/\0+$/, '') === want;

export function findHostTable(rt: Runtime, signature: string, oemId: string, oemTableId: string): HostTable | undefined {
  return rt.tables.find((t) => t.header.signature === signature &&
    fieldMatches(t.header.oemId, oemId) && fieldMatches(t.header.oemTableId, oemTableId));
}
