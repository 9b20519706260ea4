import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sumsToZero } from '../../src/acpi/checksum.ts';
import { AcpiTableError } from '../../src/acpi/errors.ts';
import { QEMU_OEM, SDT_HEADER } from '../../src/acpi/header.ts';
import { buildXsdt } from '../../src/acpi/xsdt.ts';
import { ascii, u32, u64 } from './fixtures.ts';

const xsdt = buildXsdt({ oem: QEMU_OEM, revision: 1, tables: [0x1000, 0x2000n, 0x1_0000_0000n] });

describe('buildXsdt', () => {
  it('is the header plus 8 bytes per table, and its length field says so', () => {
    assert.equal(ascii(xsdt, SDT_HEADER.SIGNATURE, 4), 'XSDT');
    assert.equal(xsdt.length, 36 + 3 * 8);
    assert.equal(u32(xsdt, SDT_HEADER.LENGTH), xsdt.length);
  });

  it('sums to zero', () => {
    assert.ok(sumsToZero(xsdt));
  });

  it('writes each address as a little-endian u64, in order', () => {
    assert.deepEqual([0, 1, 2].map((i) => u64(xsdt, 36 + 8 * i)), [0x1000n, 0x2000n, 0x1_0000_0000n]);
  });

  it('is only a header when there are no tables', () => {
    assert.equal(buildXsdt({ oem: QEMU_OEM, revision: 1, tables: [] }).length, 36);
  });

  it('rejects a negative address', () => {
    assert.throws(
      () => buildXsdt({ oem: QEMU_OEM, revision: 1, tables: [-1] }),
      (e: unknown) => e instanceof AcpiTableError && e.code === 'out-of-range' && /XSDT entry 0/.test(e.message),
    );
  });
});
