import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AcpiTableError } from '../../src/acpi/errors.ts';
import { buildFacs, FACS, FACS_FLAGS } from '../../src/acpi/facs.ts';
import { hex, u32, u64, u8 } from './fixtures.ts';

describe('buildFacs', () => {
  it("reproduces QEMU 7.2's FACS byte for byte", () => {
    // From QEMU 7.2's q35 dump at -smp 1,maxcpus=4 (FACS.aml): signature, length 64, all else zero.
    const expected = hex(`
      46414353 40000000 00000000 00000000 00000000 00000000 00000000 00000000
      00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000
    `);
    assert.deepEqual(buildFacs({ hardwareSignature: 0, version: 0 }), expected);
  });

  it('is 64 bytes and writes each field at its offset', () => {
    const b = buildFacs({
      hardwareSignature: 0x1234_5678,
      firmwareWakingVector: 0x9_f000,
      globalLock: 0x2,
      flags: FACS_FLAGS['64BIT_WAKE_SUPPORTED_F'],
      xFirmwareWakingVector: 0x1_0000_0000n,
      version: 2,
    });
    assert.equal(b.length, FACS.SIZE);
    assert.equal(u32(b, FACS.LENGTH), 64);
    assert.equal(u32(b, FACS.HARDWARE_SIGNATURE), 0x1234_5678);
    assert.equal(u32(b, FACS.FIRMWARE_WAKING_VECTOR), 0x9_f000);
    assert.equal(u32(b, FACS.GLOBAL_LOCK), 2);
    assert.equal(u32(b, FACS.FLAGS), 2);
    assert.equal(u64(b, FACS.X_FIRMWARE_WAKING_VECTOR), 0x1_0000_0000n);
    assert.equal(u8(b, FACS.VERSION), 2);
    assert.deepEqual(b.subarray(FACS.OSPM_FLAGS), new Uint8Array(28));
  });

  it('rejects a hardware signature wider than 32 bits', () => {
    assert.throws(
      () => buildFacs({ hardwareSignature: 2 ** 32, version: 0 }),
      (e: unknown) => e instanceof AcpiTableError && e.code === 'out-of-range',
    );
  });
});
