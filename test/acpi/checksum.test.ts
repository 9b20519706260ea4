import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checksum8, sumsToZero } from '../../src/acpi/checksum.ts';

describe('checksum8', () => {
  it('returns the byte that makes the bytes sum to zero once stored in a zeroed field', () => {
    const bytes = Uint8Array.of(0x10, 0x00, 0xff, 0x42);
    bytes[1] = checksum8(bytes);
    assert.equal(bytes[1], 0xaf);
    assert.ok(sumsToZero(bytes));
  });

  it('returns 0 for bytes that already sum to zero', () => {
    assert.equal(checksum8(Uint8Array.of(0x80, 0x80)), 0);
    assert.equal(checksum8(new Uint8Array(0)), 0);
  });
});

describe('sumsToZero', () => {
  it('is false when any byte changes', () => {
    const bytes = Uint8Array.of(0x01, 0xff);
    assert.ok(sumsToZero(bytes));
    bytes[0] = 0x02;
    assert.equal(sumsToZero(bytes), false);
  });
});
