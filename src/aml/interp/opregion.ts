// Operation regions (ACPI 6.5 §19.6.100, §5.5.2.4): address spaces, the host
// handlers that serve them, and the one function every region access goes
// through, so each access is checked against the region and seen by every
// trace observer (uACPI's uacpi_trace_region_io): the guest half of the register trace.
import { AmlError, handlerError } from './errors.ts';
import type { RegionObject } from './types.ts';

/** ACPI 6.5 Table 19.41 RegionSpace keywords, by their byte value. */
export const ADDRESS_SPACES = [
  'SystemMemory', 'SystemIO', 'PCI_Config', 'EmbeddedControl', 'SMBus', 'SystemCMOS',
  'PciBarTarget', 'IPMI', 'GeneralPurposeIO', 'GenericSerialBus', 'PCC', 'PlatformRtMechanism',
] as const;
export const FFIXED_HW = 0x7f;
/** DataTableRegion's space (ACPICA's id): reads come from the table itself. */
export const DATA_TABLE = 0x7e;

/** An address space by name; 'FFixedHW', and 'OEM0x80'..'OEM0xff' for the OEM range. */
export type AddressSpace = (typeof ADDRESS_SPACES)[number] | 'FFixedHW' | 'DataTable' | `OEM0x${string}`;

export function spaceId(space: AddressSpace): number {
  const i = (ADDRESS_SPACES as readonly string[]).indexOf(space);
  if (i >= 0) return i;
  if (space === 'FFixedHW') return FFIXED_HW;
  if (space === 'DataTable') throw new AmlError('bad-argument', 'DataTable regions are served by the interpreter, not by a handler');
  const m = /^OEM0x([0-9a-fA-F]{2})$/.exec(space);
  const id = m ? parseInt(m[1]!, 16) : -1;
  if (id < 0x80) throw new AmlError('bad-argument', `unknown address space "${space}"`);
  return id;
}

export function spaceName(id: number): AddressSpace {
  return ADDRESS_SPACES[id] ?? (id === FFIXED_HW ? 'FFixedHW' : id === DATA_TABLE ? 'DataTable' : `OEM0x${id.toString(16).padStart(2, '0')}`);
}

export type AccessWidth = 8 | 16 | 32 | 64;

/** What a handler may want beyond the address: which region, and for PCI_Config which function. */
export interface RegionAccessInfo {
  readonly space: AddressSpace;
  /** Path of the OperationRegion, e.g. '\\_SB.PCI0.PRES.PRST'. */
  readonly region: string;
  /** PCI_Config only: the function the region belongs to (_SEG, _BBN, _ADR). */
  readonly pci?: { readonly segment: number; readonly bus: number; readonly device: number; readonly function: number };
  /** Set when Load reads a table out of the region (byte by byte), not a field access. */
  readonly purpose?: 'table-load';
}

/**
 * Serves one address space. `address` is the region's offset plus the byte
 * offset of the access (for PCI_Config, the config-space offset). Reads return
 * the value at `bitWidth` (extra high bits are dropped); both may throw, which the
 * AML sees as AmlError('handler-error').
 */
export interface RegionHandler {
  read(address: bigint, bitWidth: AccessWidth, info: RegionAccessInfo): bigint;
  write(address: bigint, bitWidth: AccessWidth, value: bigint, info: RegionAccessInfo): void;
}

/** One region access, after it happened (reads carry the value read). */
export interface RegionAccessEvent {
  readonly space: AddressSpace;
  readonly address: bigint;
  readonly bitWidth: AccessWidth;
  readonly value: bigint;
  readonly direction: 'read' | 'write';
  readonly region: string;
}

export type RegionObserver = (event: RegionAccessEvent) => void;

/** The handlers and observers of one interpreter. */
export class RegionIo {
  private readonly handlers = new Map<number, RegionHandler>();
  private readonly observers: RegionObserver[] = [];
  private readonly infos = new WeakMap<RegionObject, RegionAccessInfo>();
  /** Supplies the PCI function of a PCI_Config region (set by the interpreter). */
  pciOf: (region: RegionObject) => RegionAccessInfo['pci'] = () => undefined;

  install(space: AddressSpace, handler: RegionHandler): number {
    const id = spaceId(space);
    this.handlers.set(id, handler);
    return id;
  }

  has(space: number): boolean {
    return this.handlers.has(space);
  }

  observe(observer: RegionObserver): () => void {
    this.observers.push(observer);
    return () => {
      const i = this.observers.indexOf(observer);
      if (i >= 0) this.observers.splice(i, 1);
    };
  }

  reset(): void {
    this.handlers.clear();
    this.observers.length = 0;
  }

  private info(region: RegionObject): RegionAccessInfo {
    let info = this.infos.get(region);
    if (!info) {
      const space = spaceName(region.space);
      const pci = region.space === 2 ? this.pciOf(region) : undefined;
      info = pci ? { space, region: region.node.path, pci } : { space, region: region.node.path };
      this.infos.set(region, info);
    }
    return info;
  }

  private check(region: RegionObject, byteOffset: number, bytes: number): RegionHandler {
    // A Number compared with a BigInt: exact, and nothing allocated per access.
    if (byteOffset + bytes > region.length) {
      throw new AmlError('region-limit',
        `access of ${bytes} bytes at offset ${byteOffset} is beyond ${region.node.path} (length ${region.length})`);
    }
    if (region.data) return tableHandler(region.data);
    const h = this.handlers.get(region.space);
    if (!h) throw new AmlError('no-handler', `no handler for ${spaceName(region.space)} (region ${region.node.path})`);
    return h;
  }

  read(region: RegionObject, byteOffset: number, bytes: number, purpose?: 'table-load'): bigint {
    const h = this.check(region, byteOffset, bytes);
    const info = purpose ? { ...this.info(region), purpose } : this.info(region);
    const address = region.offset + BigInt(byteOffset);
    const bitWidth = (bytes * 8) as AccessWidth;
    let raw: unknown;
    try {
      raw = h.read(address, bitWidth, info);
    } catch (e) {
      throw handlerError(`${info.space} read handler`, e);
    }
    if (typeof raw !== 'bigint') {
      throw new AmlError('handler-error', `${info.space} read handler returned ${typeof raw}, not bigint`);
    }
    const value = BigInt.asUintN(bitWidth, raw);
    if (this.observers.length && !purpose) this.emit({ space: info.space, address, bitWidth, value, direction: 'read', region: info.region });
    return value;
  }

  write(region: RegionObject, byteOffset: number, bytes: number, value: bigint): void {
    const h = this.check(region, byteOffset, bytes);
    const info = this.info(region);
    const address = region.offset + BigInt(byteOffset);
    const bitWidth = (bytes * 8) as AccessWidth;
    const v = BigInt.asUintN(bitWidth, value);
    try {
      h.write(address, bitWidth, v, info);
    } catch (e) {
      throw handlerError(`${info.space} write handler`, e);
    }
    if (this.observers.length) this.emit({ space: info.space, address, bitWidth, value: v, direction: 'write', region: info.region });
  }

  private emit(event: RegionAccessEvent): void {
    for (const o of [...this.observers]) {
      try {
        o(event);
      } catch (e) {
        throw handlerError('region trace observer', e);
      }
    }
  }
}

/** A DataTableRegion's "handler": reads from the table's bytes; tables are read-only. */
function tableHandler(data: Uint8Array): RegionHandler {
  return {
    read: (address, bitWidth) => {
      let v = 0n;
      for (let i = bitWidth / 8 - 1; i >= 0; i--) v = (v << 8n) | BigInt(data[Number(address) + i] ?? 0);
      return v;
    },
    write: () => {
      throw new AmlError('unsupported', 'a DataTableRegion is read-only');
    },
  };
}
