// The byte cursor (src/aml/decode/reader.ts): PkgLength in all four encodings,
// bounds against the enclosing package, and AsciiZ strings.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AmlReader } from '../../../src/aml/decode/reader.ts';
import { AmlError } from '../../../src/aml/decode/index.ts';

const reader = (bytes: number[], end = bytes.length) => new AmlReader(Uint8Array.from(bytes), 0, end);

function decodeErrorAt(fn: () => unknown, offset: number): void {
  assert.throws(fn, (e: unknown) => e instanceof AmlError && e.code === 'decode-error' && e.offset === offset);
}

describe('PkgLength', () => {
  test('a one-byte PkgLength of 63 measures from its own first byte', () => {
    assert.equal(reader([0x3f, ...new Array(62).fill(0)]).pkgEnd(), 63);
  });

  test('a two-byte PkgLength takes the low nybble, then eight bits (64 = 0x40 0x04)', () => {
    assert.equal(reader([0x40, 0x04, ...new Array(62).fill(0)]).pkgEnd(), 64);
  });

  test('a four-byte PkgLength reaches 2^28 - 1', () => {
    const r = new AmlReader(new Uint8Array(4), 0, 0x0fffffff);
    r.bytes.set([0xcf, 0xff, 0xff, 0xff]);
    assert.equal(r.pkgEnd(), 0x0fffffff);
  });

  test('bits 5-4 of a multi-byte lead byte must be zero', () => {
    decodeErrorAt(() => reader([0x70, 0x00, 0, 0]).pkgEnd(), 0);
  });

  test('a package running past the enclosing one is a decode error at the PkgLength', () => {
    decodeErrorAt(() => reader([0x05, 0, 0]).pkgEnd(), 0);
  });

  test('a PkgLength shorter than its own encoding is a decode error', () => {
    decodeErrorAt(() => reader([0x41, 0x00, 0, 0]).pkgEnd(), 0);
  });

  test('a field element length is a bit count, not an extent', () => {
    assert.equal(reader([0x40, 0x02]).fieldLength(), 32);
  });
});

describe('bounded reads', () => {
  test('reading past the end is a decode error at the first missing byte', () => {
    decodeErrorAt(() => reader([1, 2, 3]).u32(), 0);
  });

  test('a DWord is little-endian and unsigned', () => {
    assert.equal(reader([0x78, 0x56, 0x34, 0xf2]).u32(), 0xf2345678);
  });

  test('a QWord is a bigint', () => {
    assert.equal(reader([1, 0, 0, 0, 0, 0, 0, 0x80]).u64(), 0x8000000000000001n);
  });

  test('an AsciiZ string stops at NUL', () => {
    const r = reader([0x41, 0x42, 0x00, 0x43]);
    assert.equal(r.asciiz(), 'AB');
    assert.equal(r.pos, 3);
  });

  test('an unterminated string is a decode error', () => {
    decodeErrorAt(() => reader([0x41, 0x42]).asciiz(), 0);
  });

  test('a non-ASCII byte in a string is a decode error at that byte', () => {
    decodeErrorAt(() => reader([0x41, 0xc3, 0x00]).asciiz(), 1);
  });
});
