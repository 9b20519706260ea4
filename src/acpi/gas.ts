import { AcpiTableError } from './errors.ts';
import type { TableWriter, U64 } from './table-writer.ts';

// ACPI 6.5 §5.2.3.2 Generic Address Structure: Address Space ID values
export const ADDRESS_SPACE = {
  'system-memory': 0x00,
  'system-io': 0x01,
  'pci-config': 0x02,
  'embedded-controller': 0x03,
  smbus: 0x04,
  'functional-fixed-hw': 0x7f,
} as const;
export type AddressSpace = keyof typeof ADDRESS_SPACE;

/** Access Size: 0 undefined (legacy), 1 byte, 2 word, 3 dword, 4 qword. */
export type AccessSize = 0 | 1 | 2 | 3 | 4;

/** A register location, as FADT fields and the reset register describe it. */
export interface Gas {
  readonly addressSpace: AddressSpace;
  readonly bitWidth: number;
  readonly bitOffset?: number;
  readonly accessSize?: AccessSize;
  readonly address: U64;
}

/** Size of a Generic Address Structure. */
export const GAS_LENGTH = 12;

/** "Not present": all zero, which is how QEMU writes unused GAS fields. */
export const GAS_NONE: Gas = Object.freeze({ addressSpace: 'system-memory', bitWidth: 0, address: 0 });

// ACPI 6.5 §5.2.3.2 Generic Address Structure
export function writeGas(w: TableWriter, field: string, gas: Gas): TableWriter {
  const start = w.length;
  const space = ADDRESS_SPACE[gas.addressSpace] as number | undefined;
  if (space === undefined) {
    throw new AcpiTableError('bad-value', `${field} address space ${JSON.stringify(gas.addressSpace)} is unknown`);
  }
  w.u8(`${field} address space`, space)
    .u8(`${field} bit width`, gas.bitWidth)
    .u8(`${field} bit offset`, gas.bitOffset ?? 0)
    .u8(`${field} access size`, gas.accessSize ?? 0)
    .u64(`${field} address`, gas.address);
  return w.at(start + GAS_LENGTH, `field after ${field}`);
}
