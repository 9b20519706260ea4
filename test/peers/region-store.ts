// Our side of the register file: the same plain memory acpiexec simulates
// operation regions with (aeregion.c), so a differential run compares the
// interpreter's field logic and nothing else.
//
// acpiexec keeps one zero-filled buffer per address space, keyed by absolute
// address, and reads return the last bytes written; no device behind it. Here:
// one sparse byte map per space, accesses split into bytes little-endian, and
// every access appended to the trace with the command that caused it.

import type { AccessWidth, RegionAccess, RegionSpace } from './aml-trace.ts';

/** The region handler shape of src/aml/interp (Interpreter.installAddressSpaceHandler). */
export interface RegionHandler {
  read(address: bigint, bitWidth: AccessWidth, info?: { readonly purpose?: string }): bigint;
  write(address: bigint, bitWidth: AccessWidth, value: bigint): void;
}

/** Sparse little-endian byte memory; bytes never written read as `fill`. */
export class ByteStore {
  private readonly bytes = new Map<bigint, number>();

  constructor(private readonly fill = 0) {}

  read(address: bigint, bitWidth: AccessWidth): bigint {
    let value = 0n;
    for (let i = bitWidth / 8 - 1; i >= 0; i--) {
      value = (value << 8n) | BigInt(this.bytes.get(address + BigInt(i)) ?? this.fill);
    }
    return value;
  }

  write(address: bigint, bitWidth: AccessWidth, value: bigint): void {
    for (let i = 0; i < bitWidth / 8; i++) {
      this.bytes.set(address + BigInt(i), Number((value >> BigInt(8 * i)) & 0xffn));
    }
  }
}

const mask = (bitWidth: AccessWidth) => (1n << BigInt(bitWidth)) - 1n;

/** A ByteStore per space, and the ordered list of every access made through them. */
export class TracedRegions {
  /** Index of the command now running (-1 while loading and initializing). */
  cmd = -1;
  readonly accesses: RegionAccess[] = [];
  private readonly stores = new Map<RegionSpace, ByteStore>();

  constructor(private readonly fill = 0) {}

  handler(space: RegionSpace): RegionHandler {
    const store = this.storeFor(space);
    return {
      read: (address, bitWidth, info) => {
        const value = store.read(address, bitWidth);
        // Load reading a table out of a region: acpiexec reads it without a field
        // access, so its trace has no line for it (exconfig.c AcpiExRegionRead).
        if (info?.purpose === 'table-load') return value;
        this.accesses.push({ cmd: this.cmd, space, direction: 'read', address, bitWidth, value });
        return value;
      },
      write: (address, bitWidth, value) => {
        // A handler sees what the AML meant to write; record and store only the access width.
        const v = value & mask(bitWidth);
        this.accesses.push({ cmd: this.cmd, space, direction: 'write', address, bitWidth, value: v });
        store.write(address, bitWidth, v);
      },
    };
  }

  private storeFor(space: RegionSpace): ByteStore {
    let s = this.stores.get(space);
    if (!s) this.stores.set(space, (s = new ByteStore(this.fill)));
    return s;
  }
}
