// The test guests' initrd: busybox and init.sh (the serial command loop) as a gzip'd
// newc archive, and in front of it, for the initrd table upgrade, an uncompressed
// archive of kernel/firmware/acpi/*.aml. Linux reads that prefix early at boot
// (CONFIG_ACPI_TABLE_UPGRADE) and uses each table there in place of the firmware's
// table with the same signature, OEM ID and OEM table ID, if its OEM revision is
// higher (drivers/acpi/tables.c); acpi-patch.ts makes a table qualify.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeCpio, type CpioEntry } from './cpio.ts';

const INIT = new URL('./init.sh', import.meta.url);

/** The userland archive for one busybox binary, cached by content under the temp folder. */
export function userlandInitrd(busyboxPath: string): string {
  const busybox = readFileSync(busyboxPath);
  const init = readFileSync(INIT);
  const key = createHash('sha256').update(busybox).update(init).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'cpuhp-guest');
  const file = join(dir, `initramfs-${key}.cpio.gz`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const entries: CpioEntry[] = [
    { name: 'bin', kind: 'dir', perm: 0o755 },
    { name: 'bin/busybox', kind: 'file', perm: 0o755, data: busybox },
    { name: 'dev', kind: 'dir', perm: 0o755 },
    // The kernel opens /dev/console for init before init can mount devtmpfs.
    { name: 'dev/console', kind: 'chardev', perm: 0o600, major: 5, minor: 1 },
    { name: 'init', kind: 'file', perm: 0o755, data: init },
  ];
  // Written under a unique name and renamed, so parallel test files never read half a file.
  const part = `${file}.${process.pid}`;
  writeFileSync(part, gzipSync(writeCpio(entries), { level: 9 }));
  renameSync(part, file);
  return file;
}

/** The uncompressed archive of replacement tables that goes in front of the initrd. */
export function tableUpgradeArchive(tables: readonly { readonly name: string; readonly bytes: Uint8Array }[]): Uint8Array {
  const dirs: CpioEntry[] = ['kernel', 'kernel/firmware', 'kernel/firmware/acpi'].map((name) => ({ name, kind: 'dir', perm: 0o755 }));
  const files: CpioEntry[] = tables.map((t) => ({ name: `kernel/firmware/acpi/${t.name}`, kind: 'file', perm: 0o644, data: t.bytes }));
  // The kernel looks for the early archive's end on a 512-byte boundary before the next one.
  return writeCpio([...dirs, ...files], 512);
}

/** Writes `prefix` followed by the userland archive to `file` and returns it. */
export function initrdWithTables(userland: string, tables: readonly { readonly name: string; readonly bytes: Uint8Array }[], file: string): string {
  if (tables.length === 0) return userland;
  const prefix = tableUpgradeArchive(tables);
  const rest = readFileSync(userland);
  const out = new Uint8Array(prefix.length + rest.length);
  out.set(prefix);
  out.set(rest, prefix.length);
  writeFileSync(file, out);
  return file;
}
