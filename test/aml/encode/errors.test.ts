// AmlEncodeError (src/aml/encode/errors.ts): the encoder's one error class.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AmlEncodeError } from '../../../src/aml/encode/index.ts';

describe('AmlEncodeError', () => {
  test('is an Error named AmlEncodeError', () => {
    const err = new AmlEncodeError('bad-name', 'bad');
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'AmlEncodeError');
    assert.equal(err.message, 'bad');
  });

  test('carries a stable code', () => {
    assert.equal(new AmlEncodeError('too-long', 'x').code, 'too-long');
  });

  test('wraps a cause', () => {
    const cause = new RangeError('inner');
    assert.equal(new AmlEncodeError('out-of-range', 'outer', { cause }).cause, cause);
  });
});
