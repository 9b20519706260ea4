import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AcpiTableError } from '../../src/acpi/errors.ts';
import { asciiBytes, assertLength, patchU32, TableWriter } from '../../src/acpi/table-writer.ts';
import { hex } from './fixtures.ts';

function tableError(code: string, field?: RegExp) {
  return (e: unknown) => e instanceof AcpiTableError && e.code === code && (field === undefined || field.test(e.message));
}

describe('TableWriter', () => {
  it('writes multi-byte fields little-endian', () => {
    const bytes = new TableWriter().u8('a', 0x01).u16('b', 0x0302).u32('c', 0x07060504).u64('d', 0x0f0e0d0c0b0a0908n).finish();
    assert.deepEqual(bytes, hex('01 0203 04050607 08090a0b0c0d0e0f'));
  });

  it('takes 64-bit fields as a bigint or a safe number, with the same bytes', () => {
    assert.deepEqual(new TableWriter().u64('x', 0xfee0_0000).finish(), new TableWriter().u64('x', 0xfee0_0000n).finish());
  });

  it('rejects a value that does not fit its width, naming the field', () => {
    assert.throws(() => new TableWriter().u8('APIC ID', 256), tableError('out-of-range', /APIC ID 256/));
    assert.throws(() => new TableWriter().u16('flags', -1), tableError('out-of-range', /flags/));
    assert.throws(() => new TableWriter().u32('address', 2 ** 32), tableError('out-of-range', /address/));
    assert.throws(() => new TableWriter().u32('address', 1.5), tableError('out-of-range'));
    assert.throws(() => new TableWriter().u64('MPIDR', 1n << 64n), tableError('out-of-range', /MPIDR/));
  });

  it('rejects a 64-bit number that is not a safe integer', () => {
    assert.throws(() => new TableWriter().u64('address', 2 ** 60), tableError('out-of-range', /bigint/));
  });

  it('writes zeros for reserved bytes', () => {
    assert.deepEqual(new TableWriter().zeros(3).finish(), hex('000000'));
  });

  it('at() throws length-mismatch when the next field is not at the given offset', () => {
    const w = new TableWriter().u16('x', 0);
    assert.equal(w.at(2, 'y'), w);
    assert.throws(() => w.at(4, 'y'), tableError('length-mismatch', /y/));
  });
});

describe('asciiBytes', () => {
  it('accepts exactly `length` printable ASCII characters and NUL padding', () => {
    assert.deepEqual(asciiBytes('OEM ID', 'BOCHS ', 6), hex('424f43485320'));
    assert.deepEqual(asciiBytes('vendor', 'QEMU\0\0\0\0', 8), hex('51454d5500000000'));
  });

  it('rejects a wrong length and non-ASCII characters', () => {
    assert.throws(() => asciiBytes('OEM ID', 'BOCHS', 6), tableError('bad-string', /OEM ID/));
    assert.throws(() => asciiBytes('OEM ID', 'BOCHS  ', 6), tableError('bad-string'));
    assert.throws(() => asciiBytes('OEM ID', 'BÖCHS ', 6), tableError('bad-string', /ASCII/));
    assert.throws(() => asciiBytes('OEM ID', 'BOCH\tS', 6), tableError('bad-string', /ASCII/));
  });
});

describe('patchU32', () => {
  it('overwrites four bytes little-endian in place', () => {
    const bytes = new Uint8Array(8);
    patchU32(bytes, 4, 'length', 0x90);
    assert.deepEqual(bytes, hex('00000000 90000000'));
  });
});

describe('assertLength', () => {
  it('returns the bytes when the length is right and throws length-mismatch otherwise', () => {
    const b = new Uint8Array(8);
    assert.equal(assertLength('x', b, 8), b);
    assert.throws(() => assertLength('local-apic', b, 6), tableError('length-mismatch', /local-apic/));
  });
});
