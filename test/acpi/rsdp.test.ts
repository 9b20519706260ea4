import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sumsToZero } from '../../src/acpi/checksum.ts';
import { AcpiTableError } from '../../src/acpi/errors.ts';
import { buildRsdp, RSDP } from '../../src/acpi/rsdp.ts';
import { ascii, u32, u64, u8 } from './fixtures.ts';

const rsdp = buildRsdp({ oemId: 'BOCHS ', rsdtAddress: 0x7fe1_2345, xsdtAddress: 0x1_2345_6780n });

describe('buildRsdp', () => {
  it('is 36 bytes, revision 2, with its length field saying 36', () => {
    assert.equal(rsdp.length, RSDP.SIZE);
    assert.equal(ascii(rsdp, RSDP.SIGNATURE, 8), 'RSD PTR ');
    assert.equal(u8(rsdp, RSDP.REVISION), 2);
    assert.equal(u32(rsdp, RSDP.LENGTH), 36);
  });

  it('has a checksum over the first 20 bytes', () => {
    assert.ok(sumsToZero(rsdp.subarray(0, RSDP.V1_SIZE)));
  });

  it('has an extended checksum over all 36 bytes', () => {
    assert.ok(sumsToZero(rsdp));
  });

  it('writes the OEM ID, RSDT and XSDT addresses at their offsets and zero reserved bytes', () => {
    assert.equal(ascii(rsdp, RSDP.OEM_ID, 6), 'BOCHS ');
    assert.equal(u32(rsdp, RSDP.RSDT_ADDRESS), 0x7fe1_2345);
    assert.equal(u64(rsdp, RSDP.XSDT_ADDRESS), 0x1_2345_6780n);
    assert.deepEqual(rsdp.subarray(33), new Uint8Array(3));
  });

  it('takes the XSDT address as a number or a bigint', () => {
    assert.deepEqual(
      buildRsdp({ oemId: 'BOCHS ', rsdtAddress: 0, xsdtAddress: 0x1000 }),
      buildRsdp({ oemId: 'BOCHS ', rsdtAddress: 0, xsdtAddress: 0x1000n }),
    );
  });

  it('rejects an OEM ID that is not 6 characters', () => {
    assert.throws(
      () => buildRsdp({ oemId: 'BOCHS', rsdtAddress: 0, xsdtAddress: 0 }),
      (e: unknown) => e instanceof AcpiTableError && e.code === 'bad-string',
    );
  });
});
