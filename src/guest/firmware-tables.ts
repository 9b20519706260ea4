// What the guest's ACPI core reads first: RSDP → XSDT → every table, with the few
// FADT fields OSPM needs. The guest sees tables only as bytes in its memory.
import { le32, le64 } from './bytes.ts';

/** Guest-physical memory as far as table discovery needs it. */
export interface PhysicalMemory {
  read(address: number, length: number): Uint8Array;
}

export interface FadtInfo {
  readonly revision: number;
  readonly minorRevision: number;
  readonly hardwareReduced: boolean;
  readonly sciInterrupt: number;
  /** GPE0 block: port and total length (status half, then enable half). */
  readonly gpe0?: { readonly address: number; readonly length: number };
  readonly dsdtAddress: number;
}

export interface FirmwareTables {
  readonly fadt: FadtInfo;
  readonly dsdt: Uint8Array;
  readonly ssdts: readonly Uint8Array[];
  readonly madt: Uint8Array;
}

/** Tables the guest refuses to boot from; the message says what is wrong. */
export class FirmwareTableError extends Error {
  override readonly name = 'FirmwareTableError';
}

const MAX_TABLE = 16 << 20;
const MAX_TABLES = 256;

const sig = (b: Uint8Array, at = 0, n = 4) => String.fromCharCode(...b.subarray(at, at + n));
const sum8 = (b: Uint8Array) => b.reduce((s, x) => (s + x) & 0xff, 0);

function readTable(mem: PhysicalMemory, address: number, expect?: string): Uint8Array {
  const head = mem.read(address, 36);
  const length = le32(head, 4);
  if (length < 36 || length > MAX_TABLE) throw new FirmwareTableError(`table at 0x${address.toString(16)} has length ${length}`);
  const t = mem.read(address, length);
  const s = sig(t);
  if (expect && s !== expect) throw new FirmwareTableError(`expected ${expect} at 0x${address.toString(16)}, found ${JSON.stringify(s)}`);
  // The FACS has no checksum; every table reached here has one.
  if (sum8(t) !== 0) throw new FirmwareTableError(`${s} at 0x${address.toString(16)} has a bad checksum`);
  return t;
}

/** Walks RSDP (ACPI 2.0+) → XSDT → FADT, DSDT, SSDTs and the MADT. */
export function discoverTables(rsdp: Uint8Array, mem: PhysicalMemory): FirmwareTables {
  if (rsdp.length < 36 || sig(rsdp, 0, 8) !== 'RSD PTR ') throw new FirmwareTableError('no RSDP signature');
  if (sum8(rsdp.subarray(0, 20)) !== 0 || sum8(rsdp.subarray(0, 36)) !== 0) throw new FirmwareTableError('RSDP checksum is bad');
  if (rsdp[15]! < 2) throw new FirmwareTableError('RSDP revision < 2: no XSDT');
  const xsdt = readTable(mem, le64(rsdp, 24), 'XSDT');
  const count = (xsdt.length - 36) / 8;
  if (!Number.isInteger(count) || count > MAX_TABLES) throw new FirmwareTableError('XSDT length is not a whole number of entries');
  let fadtBytes: Uint8Array | undefined;
  let madt: Uint8Array | undefined;
  const ssdts: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const t = readTable(mem, le64(xsdt, 36 + 8 * i));
    const s = sig(t);
    if (s === 'FACP') fadtBytes = t;
    else if (s === 'APIC') madt = t;
    else if (s === 'SSDT') ssdts.push(t);
  }
  if (!fadtBytes) throw new FirmwareTableError('no FADT');
  if (!madt) throw new FirmwareTableError('no MADT');
  const fadt = parseFadt(fadtBytes);
  return { fadt, dsdt: readTable(mem, fadt.dsdtAddress, 'DSDT'), ssdts, madt };
}

function parseFadt(t: Uint8Array): FadtInfo {
  const revision = t[8]!;
  const flags = t.length >= 116 ? le32(t, 112) : 0;
  // X_DSDT (offset 140) wins over DSDT (offset 40) when present and non-zero.
  const xDsdt = t.length >= 148 ? le64(t, 140) : 0;
  const gpe0Address = le32(t, 80);
  const gpe0Length = t[92]!;
  return {
    revision,
    minorRevision: t.length > 131 ? t[131]! & 0x0f : 0,
    hardwareReduced: (flags & (1 << 20)) !== 0,
    sciInterrupt: t[46]! | (t[47]! << 8),
    ...(gpe0Address && gpe0Length ? { gpe0: { address: gpe0Address, length: gpe0Length } } : {}),
    dsdtAddress: xDsdt || le32(t, 40),
  };
}
