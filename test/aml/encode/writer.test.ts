// AmlWriter and PkgLength (src/aml/encode/writer.ts), ACPI 6.5 §20.2.4.
//
// The number of PkgLength bytes follows QEMU's build_prepend_package_length: the
// length plus the encoding itself must fit (length + 1 < 2^6 for one byte,
// length + 2 < 2^12 for two, length + 3 < 2^20 for three, else four). The same
// count is used whether or not the length counts itself (includeSelf), so a
// field element of exactly 63 bits takes two bytes although 63 fits in six bits;
// iasl 20200925 makes the same choice (see field.test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AmlWriter, PKG_LENGTH_MAX, pkgLength } from '../../../src/aml/encode/index.ts';
import { assertBytes, assertEncodeError } from './helpers.ts';

describe('pkgLength one-byte form', () => {
  test('0 counting itself is 1', () => {
    assertBytes(pkgLength(0, true), [0x01]);
  });

  test('0 not counting itself is 0', () => {
    assertBytes(pkgLength(0, false), [0x00]);
  });

  test('62 counting itself is the largest one-byte length (63)', () => {
    assertBytes(pkgLength(62, true), [0x3f]);
  });

  test('62 not counting itself is one byte', () => {
    assertBytes(pkgLength(62, false), [0x3e]);
  });
});

describe('pkgLength one/two-byte boundary at 63', () => {
  test('63 counting itself takes two bytes (63 + 2 = 65)', () => {
    assertBytes(pkgLength(63, true), [
      0x41, // ByteCount 1, low nibble 0x1
      0x04, // bits 4-11: 0x04 -> 0x041
    ]);
  });

  test('63 not counting itself takes two bytes although 63 fits in six bits', () => {
    assertBytes(pkgLength(63, false), [
      0x4f, // ByteCount 1, low nibble 0xF
      0x03, // 0x03F
    ]);
  });

  test('64 counting itself is 66', () => {
    assertBytes(pkgLength(64, true), [0x42, 0x04]);
  });

  test('64 not counting itself is 64', () => {
    assertBytes(pkgLength(64, false), [0x40, 0x04]);
  });
});

describe('pkgLength two/three-byte boundary near 4096', () => {
  test('4093 counting itself is the largest two-byte length (0xFFF)', () => {
    assertBytes(pkgLength(4093, true), [0x4f, 0xff]);
  });

  test('4093 not counting itself is two bytes', () => {
    assertBytes(pkgLength(4093, false), [0x4d, 0xff]);
  });

  test('4094 counting itself takes three bytes (4097)', () => {
    assertBytes(pkgLength(4094, true), [
      0x81, // ByteCount 2, low nibble 0x1
      0x00, 0x01, // 0x01001
    ]);
  });

  test('4094 not counting itself takes three bytes although 0xFFE fits in two', () => {
    assertBytes(pkgLength(4094, false), [0x8e, 0xff, 0x00]);
  });

  test('4095 counting itself is 4098', () => {
    assertBytes(pkgLength(4095, true), [0x82, 0x00, 0x01]);
  });

  test('4095 not counting itself is three bytes', () => {
    assertBytes(pkgLength(4095, false), [0x8f, 0xff, 0x00]);
  });

  test('4096 counting itself is 4099', () => {
    assertBytes(pkgLength(4096, true), [0x83, 0x00, 0x01]);
  });

  test('4096 not counting itself is 4096', () => {
    assertBytes(pkgLength(4096, false), [0x80, 0x00, 0x01]);
  });
});

describe('pkgLength three/four-byte boundary near 2^20 (1 MiB)', () => {
  test('2^20 - 4 counting itself is the largest three-byte length (0xFFFFF)', () => {
    assertBytes(pkgLength(2 ** 20 - 4, true), [0x8f, 0xff, 0xff]);
  });

  test('2^20 - 4 not counting itself is three bytes', () => {
    assertBytes(pkgLength(2 ** 20 - 4, false), [0x8c, 0xff, 0xff]);
  });

  test('2^20 - 3 counting itself takes four bytes (2^20 + 1)', () => {
    assertBytes(pkgLength(2 ** 20 - 3, true), [
      0xc1, // ByteCount 3, low nibble 0x1
      0x00, 0x00, 0x01, // 0x0100001
    ]);
  });

  test('2^20 - 3 not counting itself takes four bytes', () => {
    assertBytes(pkgLength(2 ** 20 - 3, false), [0xcd, 0xff, 0xff, 0x00]);
  });

  test('2^20 counting itself is 2^20 + 4', () => {
    assertBytes(pkgLength(2 ** 20, true), [0xc4, 0x00, 0x00, 0x01]);
  });

  test('2^20 not counting itself is 2^20', () => {
    assertBytes(pkgLength(2 ** 20, false), [0xc0, 0x00, 0x00, 0x01]);
  });
});

describe('pkgLength 28-bit maximum', () => {
  test('PKG_LENGTH_MAX is 2^28 - 1', () => {
    assert.equal(PKG_LENGTH_MAX, 0x0fffffff);
  });

  test('the maximum not counting itself', () => {
    assertBytes(pkgLength(PKG_LENGTH_MAX, false), [0xcf, 0xff, 0xff, 0xff]);
  });

  test('the maximum counting itself (four bytes less)', () => {
    assertBytes(pkgLength(PKG_LENGTH_MAX - 4, true), [0xcf, 0xff, 0xff, 0xff]);
  });

  test('one more not counting itself throws too-long', () => {
    assertEncodeError(() => pkgLength(PKG_LENGTH_MAX + 1, false), 'too-long');
  });

  test('one more counting itself throws too-long', () => {
    assertEncodeError(() => pkgLength(PKG_LENGTH_MAX - 3, true), 'too-long');
  });

  test('2^32 throws too-long', () => {
    assertEncodeError(() => pkgLength(2 ** 32, false), 'too-long');
  });
});

describe('pkgLength rejects non-lengths', () => {
  test('a negative length throws out-of-range', () => {
    assertEncodeError(() => pkgLength(-1, true), 'out-of-range');
  });

  test('a fractional length throws out-of-range', () => {
    assertEncodeError(() => pkgLength(1.5, false), 'out-of-range');
  });
});

describe('AmlWriter', () => {
  test('u8 writes one byte', () => {
    assertBytes(new AmlWriter().u8(0xab).finish(), [0xab]);
  });

  test('u16 is little-endian', () => {
    assertBytes(new AmlWriter().u16(0x1234).finish(), [0x34, 0x12]);
  });

  test('u32 is little-endian, including the top bit', () => {
    assertBytes(new AmlWriter().u32(0xfedcba98).finish(), [0x98, 0xba, 0xdc, 0xfe]);
  });

  test('u64 is little-endian', () => {
    assertBytes(new AmlWriter().u64(0x0102030405060708n).finish(), [0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01]);
  });

  test('u64 writes the largest qword', () => {
    assertBytes(new AmlWriter().u64(0xffffffffffffffffn).finish(), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  });

  test('bytes appends an array', () => {
    assertBytes(new AmlWriter().u8(1).bytes(Uint8Array.of(2, 3)).u8(4).finish(), [1, 2, 3, 4]);
  });

  test('u8 of 256 throws out-of-range', () => {
    assertEncodeError(() => new AmlWriter().u8(0x100), 'out-of-range');
  });

  test('u8 of a negative number throws out-of-range', () => {
    assertEncodeError(() => new AmlWriter().u8(-1), 'out-of-range');
  });

  test('u16 of 0x10000 throws out-of-range', () => {
    assertEncodeError(() => new AmlWriter().u16(0x10000), 'out-of-range');
  });

  test('u32 of 2^32 throws out-of-range', () => {
    assertEncodeError(() => new AmlWriter().u32(2 ** 32), 'out-of-range');
  });

  test('u32 of a fraction throws out-of-range', () => {
    assertEncodeError(() => new AmlWriter().u32(0.5), 'out-of-range');
  });

  test('u64 of 2^64 throws out-of-range', () => {
    assertEncodeError(() => new AmlWriter().u64(1n << 64n), 'out-of-range');
  });

  test('u64 of a negative bigint throws out-of-range', () => {
    assertEncodeError(() => new AmlWriter().u64(-1n), 'out-of-range');
  });

  test('the buffer grows past its initial size', () => {
    const w = new AmlWriter(1);
    for (let i = 0; i < 1000; i++) w.u8(i & 0xff);
    const out = w.finish();
    assert.equal(out.length, 1000);
    assert.equal(out[999], 999 & 0xff);
  });

  test('a large bytes() call grows the buffer in one go', () => {
    const w = new AmlWriter(4);
    w.bytes(new Uint8Array(10_000).fill(7));
    assert.equal(w.length, 10_000);
    assert.equal(w.finish()[9_999], 7);
  });

  test('length counts the bytes written', () => {
    const w = new AmlWriter();
    w.u8(1).u16(2).u32(3);
    assert.equal(w.length, 7);
  });

  test('finish returns a copy that later writes do not change', () => {
    const w = new AmlWriter();
    w.u8(1);
    const first = w.finish();
    w.u8(2);
    assertBytes(first, [0x01]);
    assertBytes(w.finish(), [0x01, 0x02]);
  });

  test('pkg prepends the body length, counting itself', () => {
    const out = new AmlWriter().u8(0x10).pkg((b) => b.u8(0xaa).u8(0xbb)).finish();
    assertBytes(out, [
      0x10, // opcode
      0x03, // PkgLength 3 (two body bytes + itself)
      0xaa, 0xbb, // body
    ]);
  });

  test('pkg of an empty body is PkgLength 1', () => {
    assertBytes(new AmlWriter().pkg(() => {}).finish(), [0x01]);
  });

  test('pkg of a 62-byte body keeps one length byte', () => {
    const out = new AmlWriter().pkg((b) => b.bytes(new Uint8Array(62))).finish();
    assert.equal(out[0], 0x3f);
    assert.equal(out.length, 63);
  });

  test('pkg of a 63-byte body takes two length bytes', () => {
    const out = new AmlWriter().pkg((b) => b.bytes(new Uint8Array(63))).finish();
    assert.deepEqual([...out.subarray(0, 2)], [0x41, 0x04]);
    assert.equal(out.length, 65);
  });

  test('pkg nests', () => {
    const out = new AmlWriter().pkg((a) => a.u8(1).pkg((b) => b.u8(2))).finish();
    assertBytes(out, [
      0x04, // outer PkgLength 4
      0x01, // outer body
      0x02, // inner PkgLength 2
      0x02, // inner body
    ]);
  });
});
