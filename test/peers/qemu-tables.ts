// QEMU's ACPI tables as a guest would see them, read through fw_cfg.
//
// With -S no firmware runs, so the tables would reflect the chipset's reset
// state (PM base 0: GPE0 at 0x20; on q35 no MCFG). fwinitX86() first does the
// few chipset writes SeaBIOS does before it loads the tables; the result was
// found byte-identical to booting SeaBIOS, for q35 and pc.
//
// In etc/acpi/tables every checksum byte is 0 (the guest's table-loader fills
// it in) and pointers between tables are unpatched blob offsets. We fix the
// checksums (acpiexec 20200925 segfaults on a DSDT with a bad one) and leave
// the pointers alone.

import { FwCfgIO } from './fw-cfg.ts';
import { QTest } from './qtest.ts';

// -- PCI config space through 0xcf8/0xcfc ------------------------------------

function pciAddr(bus: number, dev: number, fn: number, reg: number): number {
  return (0x80000000 | (bus << 16) | (dev << 11) | (fn << 8) | (reg & 0xfc)) >>> 0;
}

async function pciWritel(qt: QTest, bus: number, dev: number, fn: number, reg: number, v: number): Promise<void> {
  await qt.outl(0xcf8, pciAddr(bus, dev, fn, reg));
  await qt.outl(0xcfc, v >>> 0);
}

async function pciWriteb(qt: QTest, bus: number, dev: number, fn: number, reg: number, v: number): Promise<void> {
  await qt.outl(0xcf8, pciAddr(bus, dev, fn, reg));
  await qt.outb(0xcfc + (reg & 3), v);
}

export type X86Machine = 'q35' | 'pc';

/** The chipset writes SeaBIOS does before it reads etc/acpi/tables. */
export async function fwinitX86(qt: QTest, machine: X86Machine): Promise<void> {
  if (machine === 'q35') {
    await pciWritel(qt, 0, 0, 0, 0x64, 0); //                PCIEXBAR high
    await pciWritel(qt, 0, 0, 0, 0x60, 0xb0000000 | 1); //   PCIEXBAR + enable
    await pciWritel(qt, 0, 0x1f, 0, 0x40, 0x600 | 1); //     ICH9 LPC PMBASE
    await pciWriteb(qt, 0, 0x1f, 0, 0x44, 0x80); //          ACPI_CNTL: ACPI_EN
  } else {
    // i440fx + PIIX4 PM at 00:01.3
    await pciWritel(qt, 0, 1, 3, 0x40, 0x600 | 1); //        PMBASE
    await pciWriteb(qt, 0, 1, 3, 0x80, 0x01); //             PMREGMISC: PM io enable
  }
}

// -- splitting the blob ------------------------------------------------------

export interface AcpiBlobEntry {
  /** Offset in the blob. */
  offset: number;
  signature: string;
  /** The table's bytes as stored (a copy; checksum not fixed). */
  data: Uint8Array;
}

const HEADER_LEN = 36;

/**
 * Split QEMU's etc/acpi/tables blob by walking signature + length. Runs of
 * zero bytes are padding (FACS is 64-byte aligned; the blob is padded to
 * 128 KiB). Every step advances, so the walk is bounded by the blob length.
 */
export function splitAcpiTables(blob: Uint8Array): AcpiBlobEntry[] {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const out: AcpiBlobEntry[] = [];
  let off = 0;
  while (off < blob.length) {
    if (blob[off] === 0) {
      off++;
      continue;
    }
    if (off + 8 > blob.length) throw new Error(`ACPI blob: truncated header at 0x${off.toString(16)}`);
    const sigBytes = blob.subarray(off, off + 4);
    if (!sigBytes.every((b) => b >= 0x20 && b < 0x7f)) {
      throw new Error(`ACPI blob: no table signature at 0x${off.toString(16)}`);
    }
    const signature = Buffer.from(sigBytes).toString('latin1');
    const length = view.getUint32(off + 4, true);
    if (length < 8 || off + length > blob.length) {
      throw new Error(`ACPI blob: bad length ${length} of ${signature} at 0x${off.toString(16)}`);
    }
    out.push({ offset: off, signature, data: blob.slice(off, off + length) });
    off += length;
  }
  return out;
}

/** Tables with a standard header carry a checksum at byte 9; FACS has none. */
export function hasChecksum(table: Uint8Array): boolean {
  if (table.length < HEADER_LEN) return false;
  return Buffer.from(table.subarray(0, 4)).toString('latin1') !== 'FACS';
}

/** Sum of all bytes mod 256 (0 for a table with a valid checksum). */
export function byteSum(data: Uint8Array): number {
  let s = 0;
  for (const b of data) s = (s + b) & 0xff;
  return s;
}

/** A copy of the table with byte 9 set so the bytes sum to 0 (FACS unchanged). */
export function fixChecksum(table: Uint8Array): Uint8Array {
  const t = table.slice();
  if (!hasChecksum(t)) return t;
  t[9] = 0;
  t[9] = (0x100 - byteSum(t)) & 0xff;
  return t;
}

/**
 * Tables keyed by signature, checksums fixed. A repeated signature (several
 * SSDTs) gets "-1", "-2", ... like dump_acpi.py's file names.
 */
export function tablesBySignature(entries: readonly AcpiBlobEntry[]): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const seen = new Map<string, number>();
  for (const e of entries) {
    const k = seen.get(e.signature) ?? 0;
    seen.set(e.signature, k + 1);
    out.set(k === 0 ? e.signature : `${e.signature}-${k}`, fixChecksum(e.data));
  }
  return out;
}

// -- dumping -----------------------------------------------------------------

export interface DumpOptions {
  machine: X86Machine;
  /** The -smp value, e.g. '1,maxcpus=4'. */
  smp: string;
  extraArgs?: readonly string[];
  /** Binary; default qemu-system-x86_64. */
  qemu?: string;
  /** Byte-wise reads instead of DMA (slower; for checking DMA). */
  noDma?: boolean;
  timeoutMs?: number;
}

export interface QemuAcpiDump {
  /** Keyed by signature ('DSDT', 'APIC', 'FACP', 'FACS', ...), checksums fixed. */
  tables: Map<string, Uint8Array>;
  /** etc/acpi/rsdp as stored: checksum and RSDT address are unpatched (0 / blob offset). */
  rsdp: Uint8Array;
  /** The raw etc/acpi/tables blob. */
  blob: Uint8Array;
  /** The QEMU command line used. */
  argv: readonly string[];
}

/** The QEMU arguments for a dump, before QTest adds -S/-qtest/... */
export function dumpArgs(opts: DumpOptions): string[] {
  return ['-machine', opts.machine, '-smp', opts.smp, ...(opts.extraArgs ?? [])];
}

/** Start QEMU, do the fwinit writes, read the tables and the RSDP, stop QEMU. */
export async function dumpQemuAcpi(opts: DumpOptions): Promise<QemuAcpiDump> {
  const startOpts = {
    args: dumpArgs(opts),
    ...(opts.qemu !== undefined ? { qemu: opts.qemu } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  };
  const qt = await QTest.start(startOpts);
  try {
    await fwinitX86(qt, opts.machine);
    const fw = await FwCfgIO.open(qt, { dma: !(opts.noDma ?? false) });
    const files = await fw.files();
    const blob = await fw.readFile('etc/acpi/tables', files);
    const rsdp = await fw.readFile('etc/acpi/rsdp', files);
    return { tables: tablesBySignature(splitAcpiTables(blob)), rsdp, blob, argv: qt.argv };
  } finally {
    await qt.close();
  }
}

/** dumpQemuAcpi's tables only. */
export async function dumpQemuTables(opts: DumpOptions): Promise<Map<string, Uint8Array>> {
  return (await dumpQemuAcpi(opts)).tables;
}
