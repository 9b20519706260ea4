import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toBytes } from '../../src/aml/encode/node.ts';
import { sumsToZero } from '../../src/acpi/checksum.ts';
import { buildDefinitionBlock } from '../../src/acpi/definition-block.ts';
import { AcpiTableError } from '../../src/acpi/errors.ts';
import { QEMU_OEM, SDT_HEADER } from '../../src/acpi/header.ts';
import { ascii, SAMPLE_AML_BODY, u32, u8 } from './fixtures.ts';

describe('buildDefinitionBlock', () => {
  const dsdt = buildDefinitionBlock({ signature: 'DSDT', revision: 2, oem: QEMU_OEM, body: SAMPLE_AML_BODY });

  it('is the SDT header followed by the encoded TermList', () => {
    assert.equal(ascii(dsdt, SDT_HEADER.SIGNATURE, 4), 'DSDT');
    assert.deepEqual(dsdt.subarray(SDT_HEADER.SIZE), toBytes(...SAMPLE_AML_BODY));
  });

  it('says its length and sums to zero', () => {
    assert.equal(u32(dsdt, SDT_HEADER.LENGTH), dsdt.length);
    assert.ok(sumsToZero(dsdt));
  });

  it('keeps the revision, which sets the AML integer width', () => {
    const v1 = buildDefinitionBlock({ signature: 'SSDT', revision: 1, oem: QEMU_OEM, body: SAMPLE_AML_BODY });
    assert.equal(ascii(v1, SDT_HEADER.SIGNATURE, 4), 'SSDT');
    assert.equal(u8(v1, SDT_HEADER.REVISION), 1);
  });

  it('is only a header when the body is empty', () => {
    assert.equal(buildDefinitionBlock({ signature: 'SSDT', revision: 2, oem: QEMU_OEM, body: [] }).length, 36);
  });

  it('rejects a signature other than DSDT or SSDT from untyped callers', () => {
    assert.throws(
      () => buildDefinitionBlock({ signature: 'FACP' as 'DSDT', revision: 2, oem: QEMU_OEM, body: [] }),
      (e: unknown) => e instanceof AcpiTableError && e.code === 'bad-value',
    );
  });

  it('rejects a bad OEM table ID', () => {
    assert.throws(
      () => buildDefinitionBlock({ signature: 'DSDT', revision: 2, oem: { ...QEMU_OEM, oemTableId: 'TOO-LONG-ID' }, body: [] }),
      (e: unknown) => e instanceof AcpiTableError && e.code === 'bad-string',
    );
  });
});
