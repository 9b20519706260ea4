// The QEMU peer harness: one import for tests and scripts that compare our
// ACPI output with what QEMU 7.2 really builds. The pieces live in
//   qtest.ts        the qtest line protocol (start/stop QEMU, IO ports, memory)
//   fw-cfg.ts       fw_cfg over x86 IO ports (byte mode and DMA)
//   qemu-tables.ts  fwinit chipset writes, blob splitting, checksum fixing, dumps
// Nothing here depends on anything outside node's builtins and the QEMU binary.

import { which } from './qtest.ts';

export { QTest, which, DEFAULT_REPLY_TIMEOUT_MS, type QTestOptions } from './qtest.ts';
export { FwCfgIO, type FwCfgFile, type FwCfgOptions } from './fw-cfg.ts';
export {
  byteSum,
  dumpArgs,
  dumpQemuAcpi,
  dumpQemuTables,
  fixChecksum,
  fwinitX86,
  hasChecksum,
  splitAcpiTables,
  tablesBySignature,
  type AcpiBlobEntry,
  type DumpOptions,
  type QemuAcpiDump,
  type X86Machine,
} from './qemu-tables.ts';

export const QEMU_X86 = 'qemu-system-x86_64';

/** Whether qemu-system-x86_64 (or the given binary) is on PATH. */
export function qemuAvailable(command: string = QEMU_X86): boolean {
  return which(command) !== undefined;
}
