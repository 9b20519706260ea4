// Field, IndexField and BankField (src/aml/encode/field.ts). Expected bytes come
// from iasl 20200925 compiling each snippet after these declarations:
//   OperationRegion (REG0, SystemIO, 0x0CD8, 0x0C)
//   Field (REG0, ByteAcc, NoLock, Preserve) { IDX0, 8, DAT0, 8, BNK0, 8 }
//   OperationRegion (BIG0, SystemMemory, 0x10000000, 0x10000)
//
// Field elements carry a PkgLength that does not count itself. Its byte count
// follows QEMU's build_prepend_package_length (length + 1 < 64 for one byte, etc.),
// so a 63-bit element takes two bytes. iasl 20200925 makes the same choice for
// named and reserved elements and for the Field's own PkgLength; the tests at 62/63
// and 4093/4094 pin that agreement.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AccessType, BankField, Field, IndexField, LockRule, UpdateRule, field, offset, reserved, toBytes,
  type FieldElement,
} from '../../../src/aml/encode/index.ts';
import { assertBytes, assertEncodeError } from './helpers.ts';

const byteAcc = { access: 'ByteAcc', lock: 'NoLock', update: 'Preserve' } as const;
const accessAs = (access: 'ByteAcc' | 'DWordAcc', attrib?: number): FieldElement =>
  attrib === undefined ? { kind: 'access', access } : { kind: 'access', access, attrib };
const eightBitFields = (n: number): FieldElement[] =>
  Array.from({ length: n }, (_, i) => field(`F${String(i + 1).padStart(3, '0')}`, 8));

describe('Field', () => {
  // ASL: Field (REG0, ByteAcc, NoLock, WriteAsZeros) {
  //   Offset (0x04), CPEN, 1, CINS, 1, CRMV, 1, CEJ0, 1, CEJF, 1, Offset (0x05), CCMD, 8
  //   }
  test("QEMU's CPU hot-plug flags field", () => {
    const node = new Field('REG0', { access: 'ByteAcc', lock: 'NoLock', update: 'WriteAsZeros' }, [
      offset(4), field('CPEN', 1), field('CINS', 1), field('CRMV', 1), field('CEJ0', 1), field('CEJF', 1),
      offset(5), field('CCMD', 8),
    ]);
    assertBytes(node, [
      0x5b, 0x81, // FieldOp
      0x28, // PkgLength 40
      0x52, 0x45, 0x47, 0x30, // 'REG0'
      0x41, // FieldFlags: ByteAcc | NoLock | WriteAsZeros << 5
      0x00, 0x20, // Offset (0x04): ReservedField 32 bits
      0x43, 0x50, 0x45, 0x4e, 0x01, // CPEN, 1
      0x43, 0x49, 0x4e, 0x53, 0x01, // CINS, 1
      0x43, 0x52, 0x4d, 0x56, 0x01, // CRMV, 1
      0x43, 0x45, 0x4a, 0x30, 0x01, // CEJ0, 1
      0x43, 0x45, 0x4a, 0x46, 0x01, // CEJF, 1
      0x00, 0x03, // Offset (0x05): ReservedField 3 bits
      0x43, 0x43, 0x4d, 0x44, 0x08, // CCMD, 8
    ]);
  });

  // ASL: Field (REG0, DWordAcc, NoLock, Preserve) { CSEL, 32, Offset (0x08), CDAT, 32 }
  test("QEMU's CPU hot-plug selector and data field", () => {
    const node = new Field('REG0', { access: 'DWordAcc', lock: 'NoLock', update: 'Preserve' }, [
      field('CSEL', 32), offset(8), field('CDAT', 32),
    ]);
    assertBytes(node, [
      0x5b, 0x81, // FieldOp
      0x12, // PkgLength 18
      0x52, 0x45, 0x47, 0x30, // 'REG0'
      0x03, // FieldFlags: DWordAcc
      0x43, 0x53, 0x45, 0x4c, 0x20, // CSEL, 32
      0x00, 0x20, // Offset (0x08): ReservedField 32 bits
      0x43, 0x44, 0x41, 0x54, 0x20, // CDAT, 32
    ]);
  });

  // ASL: Field (REG0, AnyAcc, Lock, WriteAsOnes) { FL00, 8 }
  test('lock and update rules set bits 4 and 5-6', () => {
    assertBytes(new Field('REG0', { access: 'AnyAcc', lock: 'Lock', update: 'WriteAsOnes' }, [field('FL00', 8)]), [
      0x5b, 0x81, // FieldOp
      0x0b, // PkgLength 11
      0x52, 0x45, 0x47, 0x30, // 'REG0'
      0x30, // FieldFlags: AnyAcc | Lock << 4 | WriteAsOnes << 5
      0x46, 0x4c, 0x30, 0x30, 0x08, // FL00, 8
    ]);
  });

  // ASL: Field (BIG0, QWordAcc, NoLock, Preserve) { QW00, 64 }
  test('QWordAcc is access type 4', () => {
    assertBytes(new Field('BIG0', { access: 'QWordAcc', lock: 'NoLock', update: 'Preserve' }, [field('QW00', 64)]), [
      0x5b, 0x81, // FieldOp
      0x0c, // PkgLength 12
      0x42, 0x49, 0x47, 0x30, // 'BIG0'
      0x04, // FieldFlags: QWordAcc
      0x51, 0x57, 0x30, 0x30, 0x40, 0x04, // QW00, 64 (two-byte PkgLength)
    ]);
  });

  // ASL: Field (BIG0, BufferAcc, NoLock, Preserve) { BA00, 8 }
  test('BufferAcc is access type 5', () => {
    assertBytes(new Field('BIG0', { access: 'BufferAcc', lock: 'NoLock', update: 'Preserve' }, [field('BA00', 8)]), [
      0x5b, 0x81, // FieldOp
      0x0b, // PkgLength 11
      0x42, 0x49, 0x47, 0x30, // 'BIG0'
      0x05, // FieldFlags: BufferAcc
      0x42, 0x41, 0x30, 0x30, 0x08, // BA00, 8
    ]);
  });

  // ASL: Field (REG0, ByteAcc, NoLock, Preserve) { , 4, NIB0, 4 }
  test('a reserved element is 0x00 and a bit length', () => {
    assertBytes(new Field('REG0', byteAcc, [reserved(4), field('NIB0', 4)]), [
      0x5b, 0x81, // FieldOp
      0x0d, // PkgLength 13
      0x52, 0x45, 0x47, 0x30, // 'REG0'
      0x01, // FieldFlags: ByteAcc
      0x00, 0x04, // ReservedField 4 bits
      0x4e, 0x49, 0x42, 0x30, 0x04, // NIB0, 4
    ]);
  });

  // ASL: Field (BIG0, AnyAcc, NoLock, Preserve) { AccessAs (ByteAcc), AC00, 8, AccessAs (DWordAcc), AC01, 32 }
  test('AccessAs elements are 0x01, the access type and an attribute byte', () => {
    const node = new Field('BIG0', { access: 'AnyAcc', lock: 'NoLock', update: 'Preserve' }, [
      accessAs('ByteAcc'), field('AC00', 8), accessAs('DWordAcc'), field('AC01', 32),
    ]);
    assertBytes(node, [
      0x5b, 0x81, // FieldOp
      0x16, // PkgLength 22
      0x42, 0x49, 0x47, 0x30, // 'BIG0'
      0x00, // FieldFlags: AnyAcc
      0x01, 0x01, 0x00, // AccessAs (ByteAcc)
      0x41, 0x43, 0x30, 0x30, 0x08, // AC00, 8
      0x01, 0x03, 0x00, // AccessAs (DWordAcc)
      0x41, 0x43, 0x30, 0x31, 0x20, // AC01, 32
    ]);
  });

  // ASL: Field (REG0, ByteAcc, NoLock, Preserve) { OFF0, 8, Offset (0x01), OFF1, 8 }
  test('an Offset at the current position writes nothing', () => {
    assertBytes(new Field('REG0', byteAcc, [field('OFF0', 8), offset(1), field('OFF1', 8)]), [
      0x5b, 0x81, // FieldOp
      0x10, // PkgLength 16
      0x52, 0x45, 0x47, 0x30, // 'REG0'
      0x01, // FieldFlags: ByteAcc
      0x4f, 0x46, 0x46, 0x30, 0x08, // OFF0, 8
      0x4f, 0x46, 0x46, 0x31, 0x08, // OFF1, 8
    ]);
  });

  // ASL: Field (BIG0, ByteAcc, NoLock, Preserve) { FB00, 1, Offset (0x1000) }
  test('a far Offset becomes a three-byte reserved length', () => {
    assertBytes(new Field('BIG0', byteAcc, [field('FB00', 1), offset(0x1000)]), [
      0x5b, 0x81, // FieldOp
      0x0f, // PkgLength 15
      0x42, 0x49, 0x47, 0x30, // 'BIG0'
      0x01, // FieldFlags: ByteAcc
      0x46, 0x42, 0x30, 0x30, 0x01, // FB00, 1
      0x00, 0x8f, 0xff, 0x07, // ReservedField 0x7FFF bits (to bit 0x8000)
    ]);
  });
});

describe('field element PkgLength boundaries', () => {
  // ASL: Field (BIG0, ByteAcc, NoLock, Preserve) { W062, 62, , 62 }
  test('62 bits take one byte', () => {
    assertBytes(new Field('BIG0', byteAcc, [field('W062', 62), reserved(62)]), [
      0x5b, 0x81, // FieldOp
      0x0d, // PkgLength 13
      0x42, 0x49, 0x47, 0x30, // 'BIG0'
      0x01, // FieldFlags: ByteAcc
      0x57, 0x30, 0x36, 0x32, 0x3e, // W062, 62
      0x00, 0x3e, // ReservedField 62 bits
    ]);
  });

  // ASL: Field (BIG0, ByteAcc, NoLock, Preserve) { W063, 63, , 63 }
  test('63 bits take two bytes (QEMU rule; iasl agrees)', () => {
    assertBytes(new Field('BIG0', byteAcc, [field('W063', 63), reserved(63)]), [
      0x5b, 0x81, // FieldOp
      0x0f, // PkgLength 15
      0x42, 0x49, 0x47, 0x30, // 'BIG0'
      0x01, // FieldFlags: ByteAcc
      0x57, 0x30, 0x36, 0x33, 0x4f, 0x03, // W063, 63
      0x00, 0x4f, 0x03, // ReservedField 63 bits
    ]);
  });

  // ASL: Field (BIG0, ByteAcc, NoLock, Preserve) { W4K3, 4093, W4K4, 4094 }
  test('4093 bits take two bytes and 4094 bits three', () => {
    assertBytes(new Field('BIG0', byteAcc, [field('W4K3', 4093), field('W4K4', 4094)]), [
      0x5b, 0x81, // FieldOp
      0x13, // PkgLength 19
      0x42, 0x49, 0x47, 0x30, // 'BIG0'
      0x01, // FieldFlags: ByteAcc
      0x57, 0x34, 0x4b, 0x33, 0x4d, 0xff, // W4K3, 4093
      0x57, 0x34, 0x4b, 0x34, 0x8e, 0xff, 0x00, // W4K4, 4094
    ]);
  });

  // ASL: Field (BIG0, ByteAcc, NoLock, Preserve) {
  //   F001, 8, F002, 8, F003, 8, F004, 8, F005, 8, F006, 8, F007, 8, F008, 8,
  //   F009, 8, F010, 8, F011, 8, , 1
  //   }
  test("a 62-byte field body keeps a one-byte PkgLength", () => {
    assertBytes(new Field('BIG0', byteAcc, [...eightBitFields(11), reserved(1)]), [
      0x5b, 0x81, // FieldOp
      0x3f, // PkgLength 63
      0x42, 0x49, 0x47, 0x30, // 'BIG0'
      0x01, // FieldFlags: ByteAcc
      0x46, 0x30, 0x30, 0x31, 0x08, // F001, 8
      0x46, 0x30, 0x30, 0x32, 0x08, // F002, 8
      0x46, 0x30, 0x30, 0x33, 0x08, // F003, 8
      0x46, 0x30, 0x30, 0x34, 0x08, // F004, 8
      0x46, 0x30, 0x30, 0x35, 0x08, // F005, 8
      0x46, 0x30, 0x30, 0x36, 0x08, // F006, 8
      0x46, 0x30, 0x30, 0x37, 0x08, // F007, 8
      0x46, 0x30, 0x30, 0x38, 0x08, // F008, 8
      0x46, 0x30, 0x30, 0x39, 0x08, // F009, 8
      0x46, 0x30, 0x31, 0x30, 0x08, // F010, 8
      0x46, 0x30, 0x31, 0x31, 0x08, // F011, 8
      0x00, 0x01, // ReservedField 1 bit
    ]);
  });

  // ASL: Field (BIG0, ByteAcc, NoLock, Preserve) {
  //   AccessAs (ByteAcc), F001, 8, F002, 8, F003, 8, F004, 8, F005, 8, F006, 8,
  //   F007, 8, F008, 8, F009, 8, F010, 8, F011, 8
  //   }
  test('a 63-byte field body takes a two-byte PkgLength', () => {
    assertBytes(new Field('BIG0', byteAcc, [accessAs('ByteAcc'), ...eightBitFields(11)]), [
      0x5b, 0x81, // FieldOp
      0x41, 0x04, // PkgLength 0x41 (63 + 2)
      0x42, 0x49, 0x47, 0x30, // 'BIG0'
      0x01, // FieldFlags: ByteAcc
      0x01, 0x01, 0x00, // AccessAs (ByteAcc)
      0x46, 0x30, 0x30, 0x31, 0x08, // F001, 8
      0x46, 0x30, 0x30, 0x32, 0x08, // F002, 8
      0x46, 0x30, 0x30, 0x33, 0x08, // F003, 8
      0x46, 0x30, 0x30, 0x34, 0x08, // F004, 8
      0x46, 0x30, 0x30, 0x35, 0x08, // F005, 8
      0x46, 0x30, 0x30, 0x36, 0x08, // F006, 8
      0x46, 0x30, 0x30, 0x37, 0x08, // F007, 8
      0x46, 0x30, 0x30, 0x38, 0x08, // F008, 8
      0x46, 0x30, 0x30, 0x39, 0x08, // F009, 8
      0x46, 0x30, 0x31, 0x30, 0x08, // F010, 8
      0x46, 0x30, 0x31, 0x31, 0x08, // F011, 8
    ]);
  });
});

describe('IndexField', () => {
  // ASL: IndexField (IDX0, DAT0, ByteAcc, NoLock, Preserve) { Offset (0x10), IRG1, 8, , 4, IRG2, 4 }
  test('index and data names precede the flags', () => {
    const node = new IndexField('IDX0', 'DAT0', byteAcc, [offset(0x10), field('IRG1', 8), reserved(4), field('IRG2', 4)]);
    assertBytes(node, [
      0x5b, 0x86, // IndexFieldOp
      0x19, // PkgLength 25
      0x49, 0x44, 0x58, 0x30, // 'IDX0'
      0x44, 0x41, 0x54, 0x30, // 'DAT0'
      0x01, // FieldFlags: ByteAcc
      0x00, 0x40, 0x08, // Offset (0x10): ReservedField 128 bits
      0x49, 0x52, 0x47, 0x31, 0x08, // IRG1, 8
      0x00, 0x04, // ReservedField 4 bits
      0x49, 0x52, 0x47, 0x32, 0x04, // IRG2, 4
    ]);
  });

  test('an invalid data name throws bad-name', () => {
    assertEncodeError(() => new IndexField('IDX0', 'dat0', byteAcc, []), 'bad-name');
  });

  test('a zero-width element throws out-of-range', () => {
    assertEncodeError(() => new IndexField('IDX0', 'DAT0', byteAcc, [field('IRG3', 0)]), 'out-of-range');
  });
});

describe('BankField', () => {
  // ASL: BankField (REG0, BNK0, 0x02, AnyAcc, NoLock, Preserve) { Offset (0x04), BREG, 32 }
  test('region, bank register and bank value precede the flags', () => {
    const node = new BankField('REG0', 'BNK0', 2, { access: 'AnyAcc', lock: 'NoLock', update: 'Preserve' }, [
      offset(4), field('BREG', 32),
    ]);
    assertBytes(node, [
      0x5b, 0x87, // BankFieldOp
      0x13, // PkgLength 19
      0x52, 0x45, 0x47, 0x30, // 'REG0'
      0x42, 0x4e, 0x4b, 0x30, // 'BNK0'
      0x0a, 0x02, // BankValue: BytePrefix 0x02
      0x00, // FieldFlags: AnyAcc
      0x00, 0x20, // Offset (0x04): ReservedField 32 bits
      0x42, 0x52, 0x45, 0x47, 0x20, // BREG, 32
    ]);
  });

  // ASL: BankField (REG0, BNK0, Zero, ByteAcc, NoLock, Preserve) { BRG0, 8 }
  test('bank value Zero', () => {
    assertBytes(new BankField('REG0', 'BNK0', 0, byteAcc, [field('BRG0', 8)]), [
      0x5b, 0x87, // BankFieldOp
      0x10, // PkgLength 16
      0x52, 0x45, 0x47, 0x30, // 'REG0'
      0x42, 0x4e, 0x4b, 0x30, // 'BNK0'
      0x00, // BankValue: ZeroOp
      0x01, // FieldFlags: ByteAcc
      0x42, 0x52, 0x47, 0x30, 0x08, // BRG0, 8
    ]);
  });

  test('an Offset going backwards throws bad-argument', () => {
    assertEncodeError(() => new BankField('REG0', 'BNK0', 0, byteAcc, [field('BRG1', 16), offset(1)]), 'bad-argument');
  });
});

describe('FieldFlags keyword tables (ACPI 6.5 §20.2.5.2)', () => {
  test('AccessType: AnyAcc 0 .. BufferAcc 5', () => {
    assert.deepEqual(AccessType, { AnyAcc: 0, ByteAcc: 1, WordAcc: 2, DWordAcc: 3, QWordAcc: 4, BufferAcc: 5 });
  });

  test('LockRule: NoLock 0, Lock 1', () => {
    assert.deepEqual(LockRule, { NoLock: 0, Lock: 1 });
  });

  test('UpdateRule: Preserve 0, WriteAsOnes 1, WriteAsZeros 2', () => {
    assert.deepEqual(UpdateRule, { Preserve: 0, WriteAsOnes: 1, WriteAsZeros: 2 });
  });

  // ASL: Field (REG0, WordAcc, Lock, WriteAsZeros) { FW00, 16 }
  test('WordAcc with Lock and WriteAsZeros sets every flag field', () => {
    assertBytes(new Field('REG0', { access: 'WordAcc', lock: 'Lock', update: 'WriteAsZeros' }, [field('FW00', 16)]), [
      0x5b, 0x81, // FieldOp
      0x0b, // PkgLength 11
      0x52, 0x45, 0x47, 0x30, // 'REG0'
      0x52, // FieldFlags: WordAcc | Lock << 4 | WriteAsZeros << 5
      0x46, 0x57, 0x30, 0x30, 0x10, // FW00, 16
    ]);
  });
});

describe('field element factories', () => {
  test('field() builds a named element', () => {
    assert.deepEqual(field('CPEN', 1), { kind: 'named', name: 'CPEN', bits: 1 });
  });

  test('reserved() builds a reserved element', () => {
    assert.deepEqual(reserved(3), { kind: 'reserved', bits: 3 });
  });

  test('offset() builds an offset element', () => {
    assert.deepEqual(offset(8), { kind: 'offset', byte: 8 });
  });
});

describe('Field misuse', () => {
  test('an Offset going backwards throws bad-argument', () => {
    assertEncodeError(() => new Field('REG0', byteAcc, [field('CSEL', 32), offset(2)]), 'bad-argument');
  });

  test('a negative Offset throws bad-argument', () => {
    assertEncodeError(() => new Field('REG0', byteAcc, [offset(-1)]), 'bad-argument');
  });

  test('a fractional Offset throws bad-argument', () => {
    assertEncodeError(() => new Field('REG0', byteAcc, [offset(1.5)]), 'bad-argument');
  });

  test('an Offset skipping more than 0x0FFFFFFF bits throws out-of-range at construction', () => {
    assertEncodeError(() => new Field('BIG0', byteAcc, [offset(0x2000000)]), 'out-of-range');
  });

  test('an Offset skipping exactly 0x0FFFFFFF bits is accepted', () => {
    const bytes = toBytes(new Field('BIG0', byteAcc, [reserved(1), offset(0x2000000)]));
    assert.deepEqual([...bytes.subarray(-5)], [0x00, 0xcf, 0xff, 0xff, 0xff]); // ReservedField 0x0FFFFFFF bits
  });

  test('a named element of width 0 throws out-of-range', () => {
    assertEncodeError(() => new Field('REG0', byteAcc, [field('ZW00', 0)]), 'out-of-range');
  });

  test('a reserved element of width 0 throws out-of-range', () => {
    assertEncodeError(() => new Field('REG0', byteAcc, [reserved(0)]), 'out-of-range');
  });

  test('a width above 0x0FFFFFFF bits throws out-of-range', () => {
    assertEncodeError(() => new Field('REG0', byteAcc, [field('HUGE', 0x10000000)]), 'out-of-range');
  });

  test('a fractional width throws out-of-range', () => {
    assertEncodeError(() => new Field('REG0', byteAcc, [field('FRAC', 1.5)]), 'out-of-range');
  });

  test('a lower-case element name throws bad-name', () => {
    assertEncodeError(() => new Field('REG0', byteAcc, [field('csel', 8)]), 'bad-name');
  });

  test('a dotted element name throws bad-name', () => {
    assertEncodeError(() => new Field('REG0', byteAcc, [field('A.B', 8)]), 'bad-name');
  });

  test('an access attribute above 0xFF throws out-of-range', () => {
    assertEncodeError(() => new Field('REG0', byteAcc, [accessAs('ByteAcc', 0x100)]), 'out-of-range');
  });

  test('an invalid region name throws bad-name', () => {
    assertEncodeError(() => new Field('reg0', byteAcc, []), 'bad-name');
  });
});
