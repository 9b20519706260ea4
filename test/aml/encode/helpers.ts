// Shared assertions for the encoder tests.
import assert from 'node:assert/strict';
import { AmlEncodeError, type AmlEncodeErrorCode, type AmlNode, toBytes } from '../../../src/aml/encode/index.ts';

const hex = (bytes: Iterable<number>): string[] => [...bytes].map((b) => '0x' + b.toString(16).padStart(2, '0'));

/** The node (or raw bytes) encodes to exactly `expected`; a mismatch shows a hex diff. */
export function assertBytes(actual: AmlNode | Uint8Array, expected: readonly number[]): void {
  const bytes = actual instanceof Uint8Array ? actual : toBytes(actual);
  assert.deepEqual(hex(bytes), hex(expected));
}

/** `fn` throws an AmlEncodeError whose code is `code`. */
export function assertEncodeError(fn: () => unknown, code: AmlEncodeErrorCode): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof AmlEncodeError, `expected an AmlEncodeError, got ${String(err)}`);
    assert.equal(err.name, 'AmlEncodeError');
    assert.equal(err.code, code, err.message);
    return true;
  });
}
