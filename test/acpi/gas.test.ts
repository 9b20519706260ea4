import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AcpiTableError } from '../../src/acpi/errors.ts';
import { type AddressSpace, GAS_LENGTH, GAS_NONE, writeGas } from '../../src/acpi/gas.ts';
import { TableWriter } from '../../src/acpi/table-writer.ts';
import { hex } from './fixtures.ts';

const gasBytes = (g: Parameters<typeof writeGas>[2]) => writeGas(new TableWriter(), 'reg', g).finish();

describe('writeGas', () => {
  it('writes space, bit width, bit offset, access size and a 64-bit address', () => {
    // QEMU 7.2 q35 FADT RESET_REG: SystemIO, 8 bits, port 0xCF9.
    const b = gasBytes({ addressSpace: 'system-io', bitWidth: 8, address: 0xcf9 });
    assert.equal(b.length, GAS_LENGTH);
    assert.deepEqual(b, hex('01 08 00 00 f90c000000000000'));
  });

  it('writes access size and bit offset when given', () => {
    const b = gasBytes({ addressSpace: 'system-memory', bitWidth: 32, bitOffset: 4, accessSize: 3, address: 0x1_0000_0000n });
    assert.deepEqual(b, hex('00 20 04 03 0000000001000000'));
  });

  it('writes GAS_NONE as 12 zero bytes', () => {
    assert.deepEqual(gasBytes(GAS_NONE), new Uint8Array(12));
  });

  it('rejects an unknown address space', () => {
    assert.throws(
      () => gasBytes({ addressSpace: 'cmos' as AddressSpace, bitWidth: 8, address: 0 }),
      (e: unknown) => e instanceof AcpiTableError && e.code === 'bad-value',
    );
  });
});
