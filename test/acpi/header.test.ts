import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AcpiTableError } from '../../src/acpi/errors.ts';
import { beginTable, finishTable, QEMU_OEM, SDT_HEADER } from '../../src/acpi/header.ts';
import { sumsToZero } from '../../src/acpi/checksum.ts';
import { ascii, hex, u32, u8 } from './fixtures.ts';

const isCode = (code: string) => (e: unknown) => e instanceof AcpiTableError && e.code === code;

describe('beginTable', () => {
  it('writes the 36-byte header with length and checksum as zero placeholders', () => {
    const w = beginTable({ signature: 'APIC', revision: 1, oem: QEMU_OEM });
    assert.equal(w.length, SDT_HEADER.SIZE);
    const b = w.finish();
    assert.equal(ascii(b, SDT_HEADER.SIGNATURE, 4), 'APIC');
    assert.equal(u32(b, SDT_HEADER.LENGTH), 0);
    assert.equal(u8(b, SDT_HEADER.REVISION), 1);
    assert.equal(u8(b, SDT_HEADER.CHECKSUM), 0);
  });

  it('writes QEMU_OEM as QEMU 7.2 does', () => {
    // Bytes 10..35 of every table in QEMU 7.2's dumps (here: q35 APIC.aml).
    const b = beginTable({ signature: 'APIC', revision: 1, oem: QEMU_OEM }).finish();
    assert.deepEqual(b.subarray(SDT_HEADER.OEM_ID), hex('424f4348 5320 4258 5043 2020 2020 0100 0000 4258 5043 0100 0000'));
  });

  it('rejects an OEM ID that is too long or too short', () => {
    assert.throws(() => beginTable({ signature: 'APIC', revision: 1, oem: { ...QEMU_OEM, oemId: 'BOCHS  ' } }), isCode('bad-string'));
    assert.throws(() => beginTable({ signature: 'APIC', revision: 1, oem: { ...QEMU_OEM, oemId: 'BOCHS' } }), isCode('bad-string'));
  });

  it('rejects OEM table and creator IDs of the wrong length or not ASCII', () => {
    assert.throws(() => beginTable({ signature: 'APIC', revision: 1, oem: { ...QEMU_OEM, oemTableId: 'BXPC' } }), isCode('bad-string'));
    assert.throws(() => beginTable({ signature: 'APIC', revision: 1, oem: { ...QEMU_OEM, creatorId: 'BXPÇ' } }), isCode('bad-string'));
  });

  it('rejects a signature that is not 4 characters', () => {
    assert.throws(() => beginTable({ signature: 'APC', revision: 1, oem: QEMU_OEM }), isCode('bad-string'));
  });

  it('rejects revisions that do not fit a byte', () => {
    assert.throws(() => beginTable({ signature: 'APIC', revision: 256, oem: QEMU_OEM }), isCode('out-of-range'));
    assert.throws(() => beginTable({ signature: 'APIC', revision: 1, oem: { ...QEMU_OEM, oemRevision: -1 } }), isCode('out-of-range'));
  });
});

describe('finishTable', () => {
  it('patches the length to the byte length', () => {
    const b = finishTable(beginTable({ signature: 'TEST', revision: 1, oem: QEMU_OEM }).u32('x', 7).zeros(5));
    assert.equal(b.length, 45);
    assert.equal(u32(b, SDT_HEADER.LENGTH), b.length);
  });

  it('patches the checksum last, so the table sums to zero', () => {
    const b = finishTable(beginTable({ signature: 'TEST', revision: 1, oem: QEMU_OEM }).u32('x', 0xdeadbeef));
    assert.ok(sumsToZero(b));
  });
});

describe('QEMU_OEM', () => {
  it('is frozen', () => {
    assert.ok(Object.isFrozen(QEMU_OEM));
  });
});
