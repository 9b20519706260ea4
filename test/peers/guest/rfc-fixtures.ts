// The RFC V5 QEMU's own ACPI tables, for the byte-identity test of cpuhp's RFC-exact
// machine type (virt-9.2). Hot-plug is off under qtest, so the tables cannot be read
// through fw_cfg as QEMU 7.2's are: a real guest boots and copies them out of
// /sys/firmware/acpi/tables. scripts/update-rfc-fixtures.ts writes them to
// test/data/rfc-v5/ for machines without the RFC QEMU.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { guestTables } from './real-pair.ts';
import { bootRfcGuest } from './rfc-machine.ts';

export const RFC_FIXTURE_ROOT = fileURLToPath(new URL('../../data/rfc-v5', import.meta.url));

/** The configurations compared: the README's, a single boot CPU of 8, and two clusters. */
export const RFC_CONFIGS: readonly string[] = ['2,maxcpus=4', '1,maxcpus=8', '3,maxcpus=12,sockets=1,clusters=2,cores=6,threads=1'];

/** The tables whose CPU parts the test compares. */
export const RFC_TABLES = ['DSDT', 'APIC', 'PPTT'] as const;

/** A configuration's folder name: 'smp-2-4', 'smp-3-12-clusters-2'... */
export function configDir(smp: string): string {
  return `smp-${smp.replace(/maxcpus=/, '').replace(/sockets=1,|threads=1|,$/g, '').replace(/[=,]+/g, '-').replace(/-$/, '')}`;
}

/** Boots the RFC pair with its own tables and reads them back. */
export async function dumpRfcTables(smp: string): Promise<Map<string, Uint8Array>> {
  const g = await bootRfcGuest({ smp, online: 'off' });
  try {
    return await guestTables(g, RFC_TABLES);
  } finally {
    await g.stop();
  }
}

/** The committed tables of a configuration, or undefined if there are none. */
export function fixtureTables(smp: string): Map<string, Uint8Array> | undefined {
  const dir = join(RFC_FIXTURE_ROOT, configDir(smp));
  if (!existsSync(dir)) return undefined;
  return new Map(RFC_TABLES.map((sig) => [sig, readFileSync(join(dir, `${sig}.aml`))]));
}
