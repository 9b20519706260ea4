// Data objects (src/aml/encode/data.ts): integers, constants, strings, buffers,
// packages and EISA ids. Expected bytes come from iasl 20200925 (`iasl -p out t.asl`,
// bytes after the 36-byte header) unless a comment says where and why they differ.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AmlString, Buffer, EisaId, FixedInteger, Integer, Name, One, Ones, Package, Store, VarPackage, Zero, arg, local,
  operand, toBytes,
} from '../../../src/aml/encode/index.ts';
import { assertBytes, assertEncodeError } from './helpers.ts';

describe('Integer picks the shortest encoding', () => {
  // ASL: Name (I000, 0x00)
  test('0 is ZeroOp', () => {
    assertBytes(new Name('I000', new Integer(0)), [
      0x08, // NameOp
      0x49, 0x30, 0x30, 0x30, // 'I000'
      0x00, // ZeroOp
    ]);
  });

  // ASL: Name (I001, 0x01)
  test('1 is OneOp', () => {
    assertBytes(new Name('I001', new Integer(1)), [
      0x08, // NameOp
      0x49, 0x30, 0x30, 0x31, // 'I001'
      0x01, // OneOp
    ]);
  });

  // ASL: Name (I002, 0x02)
  test('2 is the smallest ByteConst', () => {
    assertBytes(new Name('I002', new Integer(2)), [
      0x08, // NameOp
      0x49, 0x30, 0x30, 0x32, // 'I002'
      0x0a, 0x02, // BytePrefix 0x02
    ]);
  });

  // ASL: Name (I0FF, 0xFF)
  test('0xFF is the largest ByteConst', () => {
    assertBytes(new Name('I0FF', new Integer(0xff)), [
      0x08, // NameOp
      0x49, 0x30, 0x46, 0x46, // 'I0FF'
      0x0a, 0xff, // BytePrefix 0xFF
    ]);
  });

  // ASL: Name (I100, 0x0100)
  test('0x100 is the smallest WordConst', () => {
    assertBytes(new Name('I100', new Integer(0x100)), [
      0x08, // NameOp
      0x49, 0x31, 0x30, 0x30, // 'I100'
      0x0b, 0x00, 0x01, // WordPrefix 0x0100
    ]);
  });

  // ASL: Name (IFFF, 0xFFFF)
  test('0xFFFF is the largest WordConst', () => {
    assertBytes(new Name('IFFF', new Integer(0xffff)), [
      0x08, // NameOp
      0x49, 0x46, 0x46, 0x46, // 'IFFF'
      0x0b, 0xff, 0xff, // WordPrefix 0xFFFF
    ]);
  });

  // ASL: Name (D000, 0x00010000)
  test('0x10000 is the smallest DWordConst', () => {
    assertBytes(new Name('D000', new Integer(0x10000)), [
      0x08, // NameOp
      0x44, 0x30, 0x30, 0x30, // 'D000'
      0x0c, 0x00, 0x00, 0x01, 0x00, // DWordPrefix 0x00010000
    ]);
  });

  // ASL: Name (DFFF, 0xFFFFFFFF)
  test('0xFFFFFFFF is the largest DWordConst', () => {
    assertBytes(new Name('DFFF', new Integer(0xffffffff)), [
      0x08, // NameOp
      0x44, 0x46, 0x46, 0x46, // 'DFFF'
      0x0c, 0xff, 0xff, 0xff, 0xff, // DWordPrefix 0xFFFFFFFF
    ]);
  });

  // ASL: Name (Q000, 0x0000000100000000)
  test('0x100000000 is the smallest QWordConst', () => {
    assertBytes(new Name('Q000', new Integer(0x100000000)), [
      0x08, // NameOp
      0x51, 0x30, 0x30, 0x30, // 'Q000'
      0x0e, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, // QWordPrefix 0x0000000100000000
    ]);
  });

  // ASL: Name (Q123, 0x123456789ABCDEF0)
  test('a bigint QWordConst is written little-endian', () => {
    assertBytes(new Name('Q123', new Integer(0x123456789abcdef0n)), [
      0x08, // NameOp
      0x51, 0x31, 0x32, 0x33, // 'Q123'
      0x0e, 0xf0, 0xde, 0xbc, 0x9a, 0x78, 0x56, 0x34, 0x12, // QWordPrefix 0x123456789ABCDEF0
    ]);
  });

  // ASL: Name (QFFF, 0xFFFFFFFFFFFFFFFF)
  // iasl differs: it folds this value into OnesOp (0xFF) in a revision-2 table (so
  // does 0xFFFFFFFF in revision 1). QEMU's aml_int() never emits OnesOp, and the
  // project matches QEMU, so the expected bytes are the QWordConst; Ones is a node
  // of its own for when OnesOp is wanted.
  test('0xFFFFFFFFFFFFFFFF is a QWordConst, not OnesOp (QEMU, not iasl)', () => {
    assertBytes(new Name('QFFF', new Integer(0xffffffffffffffffn)), [
      0x08, // NameOp
      0x51, 0x46, 0x46, 0x46, // 'QFFF'
      0x0e, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // QWordPrefix 0xFFFFFFFFFFFFFFFF
    ]);
  });

  test('a number and the equal bigint encode the same', () => {
    assert.deepEqual(new Integer(0x12345678).value, 0x12345678n);
    assertBytes(new Integer(0x12345678), [...toBytes(new Integer(0x12345678n))]);
  });
});

describe('Integer rejects values it cannot encode', () => {
  test('a negative number throws out-of-range', () => {
    assertEncodeError(() => new Integer(-1), 'out-of-range');
  });

  test('a negative bigint throws out-of-range', () => {
    assertEncodeError(() => new Integer(-1n), 'out-of-range');
  });

  test('2^64 throws out-of-range', () => {
    assertEncodeError(() => new Integer(1n << 64n), 'out-of-range');
  });

  test('a number above 2^53 (not a safe integer) throws out-of-range', () => {
    assertEncodeError(() => new Integer(2 ** 53), 'out-of-range');
  });

  test('a fraction throws out-of-range', () => {
    assertEncodeError(() => new Integer(1.5), 'out-of-range');
  });

  test('NaN throws out-of-range', () => {
    assertEncodeError(() => new Integer(Number.NaN), 'out-of-range');
  });
});

describe('FixedInteger forces one width', () => {
  // ASL: Name (FX01, 0x01)
  // Compiled with `iasl -oi` (no Zero/One/Ones optimization); plain iasl, like
  // Integer, writes OneOp.
  test('width 1 keeps 1 as a ByteConst', () => {
    assertBytes(new Name('FX01', new FixedInteger(1, 1)), [
      0x08, // NameOp
      0x46, 0x58, 0x30, 0x31, // 'FX01'
      0x0a, 0x01, // BytePrefix 0x01
    ]);
  });

  // No ASL equivalent: iasl always shrinks 0x12 to a ByteConst. Bytes from ACPI 6.5
  // §20.2.3 WordConst := WordPrefix WordData.
  test('width 2 writes a WordConst for a small value', () => {
    assertBytes(new FixedInteger(0x12, 2), [
      0x0b, 0x12, 0x00, // WordPrefix 0x0012
    ]);
  });

  // No ASL equivalent (see above). DWordConst := DWordPrefix DWordData.
  test('width 4 writes a DWordConst for 0', () => {
    assertBytes(new FixedInteger(0, 4), [
      0x0c, 0x00, 0x00, 0x00, 0x00, // DWordPrefix 0x00000000
    ]);
  });

  // No ASL equivalent (see above). QWordConst := QWordPrefix QWordData.
  test('width 8 writes a QWordConst for a bigint', () => {
    assertBytes(new FixedInteger(0xcafen, 8), [
      0x0e, 0xfe, 0xca, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // QWordPrefix 0x000000000000CAFE
    ]);
  });

  test('a value wider than the width throws out-of-range', () => {
    assertEncodeError(() => new FixedInteger(0x100, 1), 'out-of-range');
  });

  test('a negative value throws out-of-range', () => {
    assertEncodeError(() => new FixedInteger(-1, 4), 'out-of-range');
  });

  test('a fraction throws out-of-range at construction', () => {
    assertEncodeError(() => new FixedInteger(1.5, 2), 'out-of-range');
  });
});

describe('constant objects', () => {
  // ASL: Name (ZER0, Zero)
  test('Zero is ZeroOp', () => {
    assertBytes(new Name('ZER0', Zero), [
      0x08, // NameOp
      0x5a, 0x45, 0x52, 0x30, // 'ZER0'
      0x00, // ZeroOp
    ]);
  });

  // ASL: Name (ONE0, One)
  test('One is OneOp', () => {
    assertBytes(new Name('ONE0', One), [
      0x08, // NameOp
      0x4f, 0x4e, 0x45, 0x30, // 'ONE0'
      0x01, // OneOp
    ]);
  });

  // ASL: Name (ONS0, Ones)
  test('Ones is OnesOp', () => {
    assertBytes(new Name('ONS0', Ones), [
      0x08, // NameOp
      0x4f, 0x4e, 0x53, 0x30, // 'ONS0'
      0xff, // OnesOp
    ]);
  });
});

describe('AmlString', () => {
  // ASL: Name (STR1, "hello")
  test('a string is StringPrefix, ASCII bytes and a NUL', () => {
    assertBytes(new Name('STR1', new AmlString('hello')), [
      0x08, // NameOp
      0x53, 0x54, 0x52, 0x31, // 'STR1'
      0x0d, // StringPrefix
      0x68, 0x65, 0x6c, 0x6c, 0x6f, // 'hello'
      0x00, // NullChar
    ]);
  });

  // ASL: Name (STR2, "")
  test('the empty string is StringPrefix and a NUL', () => {
    assertBytes(new Name('STR2', new AmlString('')), [
      0x08, // NameOp
      0x53, 0x54, 0x52, 0x32, // 'STR2'
      0x0d, // StringPrefix
      0x00, // NullChar
    ]);
  });

  test('a non-ASCII character throws bad-argument', () => {
    assertEncodeError(() => new AmlString('caf\u00e9'), 'bad-argument');
  });

  test('a character outside the BMP throws bad-argument', () => {
    assertEncodeError(() => new AmlString('\u{1f600}'), 'bad-argument');
  });

  test('an embedded NUL throws bad-argument', () => {
    assertEncodeError(() => new AmlString('a\u0000b'), 'bad-argument');
  });
});

describe('Buffer', () => {
  // ASL: Name (BUF1, Buffer () { 0x01, 0x02, 0x03 })
  test('the size defaults to the initializer length', () => {
    assertBytes(new Name('BUF1', new Buffer(Uint8Array.of(1, 2, 3))), [
      0x08, // NameOp
      0x42, 0x55, 0x46, 0x31, // 'BUF1'
      0x11, // BufferOp
      0x06, // PkgLength 6
      0x0a, 0x03, // BufferSize: BytePrefix 0x03
      0x01, 0x02, 0x03, // ByteList
    ]);
  });

  // ASL: Name (BUF2, Buffer (0x08) { 0x01, 0x02 })
  test('an explicit size larger than the initializer writes only the initializer', () => {
    assertBytes(new Name('BUF2', new Buffer(Uint8Array.of(1, 2), 8)), [
      0x08, // NameOp
      0x42, 0x55, 0x46, 0x32, // 'BUF2'
      0x11, // BufferOp
      0x05, // PkgLength 5
      0x0a, 0x08, // BufferSize: BytePrefix 0x08
      0x01, 0x02, // ByteList
    ]);
  });

  // ASL: Name (BUF3, Buffer (0x0100) {})
  test('an empty initializer with a word size', () => {
    assertBytes(new Name('BUF3', new Buffer(new Uint8Array(0), 0x100)), [
      0x08, // NameOp
      0x42, 0x55, 0x46, 0x33, // 'BUF3'
      0x11, // BufferOp
      0x04, // PkgLength 4
      0x0b, 0x00, 0x01, // BufferSize: WordPrefix 0x0100
    ]);
  });

  // ASL: Name (BUF4, Buffer () { 0xAA })
  test('a one-byte buffer has OneOp as its size', () => {
    assertBytes(new Name('BUF4', new Buffer(Uint8Array.of(0xaa))), [
      0x08, // NameOp
      0x42, 0x55, 0x46, 0x34, // 'BUF4'
      0x11, // BufferOp
      0x03, // PkgLength 3
      0x01, // BufferSize: OneOp
      0xaa, // ByteList
    ]);
  });

  // ASL: Name (BF60, Buffer () { 60 zero bytes })
  test('a 62-byte body keeps a one-byte PkgLength', () => {
    const bytes = [...toBytes(new Buffer(new Uint8Array(60)))];
    assert.deepEqual(bytes.slice(0, 4), [
      0x11, // BufferOp
      0x3f, // PkgLength 63 (62 + itself)
      0x0a, 0x3c, // BufferSize: BytePrefix 60
    ]);
    assert.equal(bytes.length, 64);
  });

  // ASL: Name (BF61, Buffer () { 61 zero bytes })
  test('a 63-byte body needs a two-byte PkgLength', () => {
    const bytes = [...toBytes(new Buffer(new Uint8Array(61)))];
    assert.deepEqual(bytes.slice(0, 5), [
      0x11, // BufferOp
      0x41, 0x04, // PkgLength 0x41 (63 + 2)
      0x0a, 0x3d, // BufferSize: BytePrefix 61
    ]);
    assert.equal(bytes.length, 66);
  });

  test('a size smaller than the initializer throws bad-argument', () => {
    assertEncodeError(() => new Buffer(Uint8Array.of(1, 2, 3), 2), 'bad-argument');
  });

  test('a fractional size throws bad-argument', () => {
    assertEncodeError(() => new Buffer(new Uint8Array(0), 2.5), 'bad-argument');
  });

  test('a size above 2^53 throws bad-argument at construction', () => {
    assertEncodeError(() => new Buffer(new Uint8Array(0), 2 ** 60), 'bad-argument');
  });
});

describe('Package', () => {
  // ASL: Name (PK03, Package () { 0x01, 0x02, "ab" })
  test('elements follow NumElements', () => {
    assertBytes(new Name('PK03', new Package([new Integer(1), new Integer(2), new AmlString('ab')])), [
      0x08, // NameOp
      0x50, 0x4b, 0x30, 0x33, // 'PK03'
      0x12, // PackageOp
      0x09, // PkgLength 9
      0x03, // NumElements 3
      0x01, // OneOp
      0x0a, 0x02, // BytePrefix 0x02
      0x0d, 0x61, 0x62, 0x00, // "ab"
    ]);
  });

  // ASL: Name (PK04, Package (0x04) { 0x10 })
  test('an explicit count larger than the initializers', () => {
    assertBytes(new Name('PK04', new Package([new Integer(0x10)], 4)), [
      0x08, // NameOp
      0x50, 0x4b, 0x30, 0x34, // 'PK04'
      0x12, // PackageOp
      0x04, // PkgLength 4
      0x04, // NumElements 4
      0x0a, 0x10, // BytePrefix 0x10
    ]);
  });

  // ASL: Name (PKGE, Package () {})
  test('the empty package', () => {
    assertBytes(new Name('PKGE', new Package([])), [
      0x08, // NameOp
      0x50, 0x4b, 0x47, 0x45, // 'PKGE'
      0x12, // PackageOp
      0x02, // PkgLength 2
      0x00, // NumElements 0
    ]);
  });

  // ASL: Name (NEST, Package () { Package () { Zero }, Buffer () { 0xAA } })
  test('nested packages and buffers', () => {
    const inner = new Package([Zero]);
    assertBytes(new Name('NEST', new Package([inner, new Buffer(Uint8Array.of(0xaa))])), [
      0x08, // NameOp
      0x4e, 0x45, 0x53, 0x54, // 'NEST'
      0x12, // PackageOp
      0x0a, // PkgLength 10
      0x02, // NumElements 2
      0x12, 0x03, 0x01, 0x00, // Package () { Zero }
      0x11, 0x03, 0x01, 0xaa, // Buffer () { 0xAA }
    ]);
  });

  test('256 elements throw bad-argument (use VarPackage)', () => {
    const elements = Array.from({ length: 256 }, () => Zero);
    assertEncodeError(() => new Package(elements), 'bad-argument');
  });

  test('a count smaller than the initializers throws bad-argument', () => {
    assertEncodeError(() => new Package([Zero, One], 1), 'bad-argument');
  });

  test('a negative count throws bad-argument at construction', () => {
    assertEncodeError(() => new Package([], -1), 'bad-argument');
  });
});

describe('VarPackage', () => {
  // ASL: Name (VPK0, Package (0x0100) { One })
  // iasl writes VarPackageOp whenever the count does not fit NumElements (a byte).
  test('a constant count above 255', () => {
    assertBytes(new Name('VPK0', new VarPackage(new Integer(0x100), [One])), [
      0x08, // NameOp
      0x56, 0x50, 0x4b, 0x30, // 'VPK0'
      0x13, // VarPackageOp
      0x05, // PkgLength 5
      0x0b, 0x00, 0x01, // VarNumElements: WordPrefix 0x0100
      0x01, // OneOp
    ]);
  });

  // ASL (in a method): Local0 = Package (Arg0) { 0x01, 0x02 }
  test('a count computed at run time', () => {
    assertBytes(Store(new VarPackage(arg(0), [new Integer(1), new Integer(2)]), local(0)), [
      0x70, // StoreOp
      0x13, // VarPackageOp
      0x05, // PkgLength 5
      0x68, // VarNumElements: Arg0
      0x01, // OneOp
      0x0a, 0x02, // BytePrefix 0x02
      0x60, // Local0
    ]);
  });
});

describe('EisaId', () => {
  // ASL: Name (EID0, EisaId ("PNP0A06"))
  test('PNP0A06 compresses to 0x060AD041', () => {
    assertBytes(new Name('EID0', new EisaId('PNP0A06')), [
      0x08, // NameOp
      0x45, 0x49, 0x44, 0x30, // 'EID0'
      0x0c, 0x41, 0xd0, 0x0a, 0x06, // DWordPrefix, id bytes in big-endian order
    ]);
  });

  // ASL: Name (EID2, EisaId ("ZZZFFFF"))
  test('the largest id sets no sign bit', () => {
    assertBytes(new Name('EID2', new EisaId('ZZZFFFF')), [
      0x08, // NameOp
      0x45, 0x49, 0x44, 0x32, // 'EID2'
      0x0c, 0x6b, 0x5a, 0xff, 0xff, // DWordPrefix, id bytes in big-endian order
    ]);
  });

  test('a lower-case id throws bad-argument', () => {
    assertEncodeError(() => new EisaId('pnp0a06'), 'bad-argument');
  });

  test('a short id throws bad-argument', () => {
    assertEncodeError(() => new EisaId('PNP0A0'), 'bad-argument');
  });
});

describe('operand', () => {
  test('a number becomes an Integer', () => {
    const node = operand(7);
    assert.ok(node instanceof Integer);
    assertBytes(node, [0x0a, 0x07]);
  });

  test('a bigint becomes an Integer', () => {
    assertBytes(operand(0x10000n), [0x0c, 0x00, 0x00, 0x01, 0x00]);
  });

  test('a node is passed through', () => {
    assert.equal(operand(Ones), Ones);
  });
});
