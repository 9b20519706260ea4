import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AcpiTableError } from '../../src/acpi/errors.ts';

describe('AcpiTableError', () => {
  it('is an Error named AcpiTableError with a stable code', () => {
    const e = new AcpiTableError('out-of-range', 'uid 256 is out of range');
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'AcpiTableError');
    assert.equal(e.code, 'out-of-range');
    assert.equal(e.message, 'uid 256 is out of range');
  });

  it('keeps the cause it wraps', () => {
    const cause = new RangeError('inner');
    assert.equal(new AcpiTableError('bad-value', 'outer', { cause }).cause, cause);
  });
});
