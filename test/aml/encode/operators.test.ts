// Operator factories (src/aml/encode/operators.ts). Expected bytes come from iasl
// 20200925; each statement sits in a 7-argument method whose locals are
// initialized first, after these declarations:
//   Device (DEV0) { Name (_ADR, Zero) }        Mutex (MTX0, 0)
//   Name (PKG0, Package () { 1, 2, 3 })        Name (BUF0, Buffer (16) {})
//   Name (INT0, 0x1234)                        Method (MTH0, 2) { Return (Arg0) }
//
// Where iasl and a literal tree differ:
// - ASL+ assignments are rewritten: iasl compiles `Local0 = Not (Arg0)` as
//   `Not (Arg0, Local0)` and `Local2 = Local0 + Local1` as `Add (Local0, Local1,
//   Local2)`. We encode the tree we are given, so the snippets below use the
//   target operand or Store() explicitly.
// - iasl folds constant expressions (`Concatenate ("a", "b", Local6)` becomes
//   `Store ("ab", Local6)`); the snippets use arguments to keep the operator.
// - iasl shortens references (`\MTH0` to `MTH0`); the snippet with a root path
//   was compiled with `iasl -on`, which keeps references as QEMU and we write them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Acquire, Add, And, Call, Concatenate, ConcatenateResTemplate, CondRefOf, CopyObject, CreateBitField, CreateByteField,
  CreateDWordField, CreateField, CreateQWordField, CreateWordField, Decrement, DerefOf, Divide, FindSetLeftBit,
  FindSetRightBit, FromBCD, If, Increment, Index, LAnd, LEqual, LGreater, LGreaterEqual, LLess, LLessEqual, LNot,
  LNotEqual, LOr, Match, MatchOp, Mid, Mod, Multiply, NAnd, NOr, NameRef, Noop, Not, Notify, NullTarget, ObjectType, Or,
  RefOf, Release, ShiftLeft, ShiftRight, SizeOf, Sleep, Stall, Store, Subtract, ToBCD, ToBuffer, ToDecimalString,
  ToHexString, ToInteger, ToString, XOr, AmlString, arg, local, name, toBytes,
} from '../../../src/aml/encode/index.ts';
import { assertBytes, assertEncodeError } from './helpers.ts';

const PKG0 = name('PKG0');
const BUF0 = name('BUF0');

describe('binary operators with a target', () => {
  // ASL (in a method): Add (Local0, 0x02, Local1)
  test('Add', () => {
    assertBytes(Add(local(0), 2, local(1)), [
      0x72, // AddOp
      0x60, // Local0
      0x0a, 0x02, // BytePrefix 0x02
      0x61, // Target: Local1
    ]);
  });

  // ASL (in a method): Store (Add (Local0, Local1), Local2)
  test('Add without a target writes NullName', () => {
    assertBytes(Store(Add(local(0), local(1)), local(2)), [
      0x70, // StoreOp
      0x72, // AddOp
      0x60, // Local0
      0x61, // Local1
      0x00, // Target: NullName
      0x62, // Local2
    ]);
  });

  // ASL (in a method): Concatenate (Arg0, Arg1, Local6)
  test('Concatenate', () => {
    assertBytes(Concatenate(arg(0), arg(1), local(6)), [
      0x73, // ConcatOp
      0x68, // Arg0
      0x69, // Arg1
      0x66, // Target: Local6
    ]);
  });

  // ASL (in a method): ConcatenateResTemplate (Arg0, Arg1, Local0)
  test('ConcatenateResTemplate', () => {
    assertBytes(ConcatenateResTemplate(arg(0), arg(1), local(0)), [
      0x84, // ConcatResOp
      0x68, // Arg0
      0x69, // Arg1
      0x60, // Target: Local0
    ]);
  });

  // ASL (in a method): Subtract (Local0, One, Local3)
  test('Subtract', () => {
    assertBytes(Subtract(local(0), 1, local(3)), [
      0x74, // SubtractOp
      0x60, // Local0
      0x01, // OneOp
      0x63, // Target: Local3
    ]);
  });

  // ASL (in a method): Multiply (Local0, 0x03, Local3)
  test('Multiply', () => {
    assertBytes(Multiply(local(0), 3, local(3)), [
      0x77, // MultiplyOp
      0x60, // Local0
      0x0a, 0x03, // BytePrefix 0x03
      0x63, // Target: Local3
    ]);
  });

  // ASL (in a method): ShiftLeft (Local0, 0x04, Local3)
  test('ShiftLeft', () => {
    assertBytes(ShiftLeft(local(0), 4, local(3)), [
      0x79, // ShiftLeftOp
      0x60, // Local0
      0x0a, 0x04, // BytePrefix 0x04
      0x63, // Target: Local3
    ]);
  });

  // ASL (in a method): ShiftRight (Local0, 0x04, Local3)
  test('ShiftRight', () => {
    assertBytes(ShiftRight(local(0), 4, local(3)), [
      0x7a, // ShiftRightOp
      0x60, // Local0
      0x0a, 0x04, // BytePrefix 0x04
      0x63, // Target: Local3
    ]);
  });

  // ASL (in a method): And (Local0, 0xF0, Local3)
  test('And', () => {
    assertBytes(And(local(0), 0xf0, local(3)), [
      0x7b, // AndOp
      0x60, // Local0
      0x0a, 0xf0, // BytePrefix 0xF0
      0x63, // Target: Local3
    ]);
  });

  // ASL (in a method): NAnd (Local0, One, Local3)
  test('NAnd', () => {
    assertBytes(NAnd(local(0), 1, local(3)), [
      0x7c, // NandOp
      0x60, // Local0
      0x01, // OneOp
      0x63, // Target: Local3
    ]);
  });

  // ASL (in a method): Or (Local0, 0x0F, Local3)
  test('Or', () => {
    assertBytes(Or(local(0), 0x0f, local(3)), [
      0x7d, // OrOp
      0x60, // Local0
      0x0a, 0x0f, // BytePrefix 0x0F
      0x63, // Target: Local3
    ]);
  });

  // ASL (in a method): NOr (Local0, One, Local3)
  test('NOr', () => {
    assertBytes(NOr(local(0), 1, local(3)), [
      0x7e, // NorOp
      0x60, // Local0
      0x01, // OneOp
      0x63, // Target: Local3
    ]);
  });

  // ASL (in a method): XOr (Local0, Local1, Local3)
  test('XOr', () => {
    assertBytes(XOr(local(0), local(1), local(3)), [
      0x7f, // XorOp
      0x60, // Local0
      0x61, // Local1
      0x63, // Target: Local3
    ]);
  });

  // ASL (in a method): Mod (Local0, 0x02, Local3)
  test('Mod', () => {
    assertBytes(Mod(local(0), 2, local(3)), [
      0x85, // ModOp
      0x60, // Local0
      0x0a, 0x02, // BytePrefix 0x02
      0x63, // Target: Local3
    ]);
  });

  // ASL (in a method): Index (PKG0, One, Local1)
  test('Index', () => {
    assertBytes(Index(PKG0, 1, local(1)), [
      0x88, // IndexOp
      0x50, 0x4b, 0x47, 0x30, // 'PKG0'
      0x01, // OneOp
      0x61, // Target: Local1
    ]);
  });

  // ASL (in a method): ToString (Arg2, 0x04, Local6)
  test('ToString', () => {
    assertBytes(ToString(arg(2), 4, local(6)), [
      0x9c, // ToStringOp
      0x6a, // Arg2
      0x0a, 0x04, // LengthArg: BytePrefix 0x04
      0x66, // Target: Local6
    ]);
  });
});

describe('unary operators with a target', () => {
  // ASL (in a method): Not (Local0, Local3)
  test('Not', () => {
    assertBytes(Not(local(0), local(3)), [
      0x80, // NotOp
      0x60, // Local0
      0x63, // Target: Local3
    ]);
  });

  // ASL (in a method): Store (Not (Arg0), Local0)
  test('Not without a target writes NullName', () => {
    assertBytes(Store(Not(arg(0)), local(0)), [
      0x70, // StoreOp
      0x80, // NotOp
      0x68, // Arg0
      0x00, // Target: NullName
      0x60, // Local0
    ]);
  });

  // ASL (in a method): FindSetLeftBit (Arg0, Local0)
  test('FindSetLeftBit', () => {
    assertBytes(FindSetLeftBit(arg(0), local(0)), [
      0x81, // FindSetLeftBitOp
      0x68, // Arg0
      0x60, // Target: Local0
    ]);
  });

  // ASL (in a method): FindSetRightBit (Arg0, Local0)
  test('FindSetRightBit', () => {
    assertBytes(FindSetRightBit(arg(0), local(0)), [
      0x82, // FindSetRightBitOp
      0x68, // Arg0
      0x60, // Target: Local0
    ]);
  });

  // ASL (in a method): ToBuffer (Arg1, Local6)
  test('ToBuffer', () => {
    assertBytes(ToBuffer(arg(1), local(6)), [
      0x96, // ToBufferOp
      0x69, // Arg1
      0x66, // Target: Local6
    ]);
  });

  // ASL (in a method): ToDecimalString (Arg1, Local6)
  test('ToDecimalString', () => {
    assertBytes(ToDecimalString(arg(1), local(6)), [
      0x97, // ToDecimalStringOp
      0x69, // Arg1
      0x66, // Target: Local6
    ]);
  });

  // ASL (in a method): ToHexString (Arg1, Local6)
  test('ToHexString', () => {
    assertBytes(ToHexString(arg(1), local(6)), [
      0x98, // ToHexStringOp
      0x69, // Arg1
      0x66, // Target: Local6
    ]);
  });

  // ASL (in a method): ToInteger (Arg1, Local5)
  test('ToInteger', () => {
    assertBytes(ToInteger(arg(1), local(5)), [
      0x99, // ToIntegerOp
      0x69, // Arg1
      0x65, // Target: Local5
    ]);
  });

  // ASL (in a method): ToBCD (Arg0, Local0)
  test('ToBCD', () => {
    assertBytes(ToBCD(arg(0), local(0)), [
      0x5b, 0x29, // ToBCDOp
      0x68, // Arg0
      0x60, // Target: Local0
    ]);
  });

  // ASL (in a method): FromBCD (Arg0, Local0)
  test('FromBCD', () => {
    assertBytes(FromBCD(arg(0), local(0)), [
      0x5b, 0x28, // FromBCDOp
      0x68, // Arg0
      0x60, // Target: Local0
    ]);
  });

  // ASL (in a method): CondRefOf (MTH0, Local0)
  test('CondRefOf', () => {
    assertBytes(CondRefOf(name('MTH0'), local(0)), [
      0x5b, 0x12, // CondRefOfOp
      0x4d, 0x54, 0x48, 0x30, // 'MTH0'
      0x60, // Target: Local0
    ]);
  });

  // ASL (in a method): If (CondRefOf (MTH0)) { Noop }
  test('CondRefOf without a target writes NullName', () => {
    assertBytes(new If(CondRefOf(name('MTH0')), [Noop]), [
      0xa0, // IfOp
      0x09, // PkgLength 9
      0x5b, 0x12, // CondRefOfOp
      0x4d, 0x54, 0x48, 0x30, // 'MTH0'
      0x00, // Target: NullName
      0xa3, // Noop
    ]);
  });
});

describe('operators with more operands', () => {
  // ASL (in a method): Divide (Local0, 0x03, Local4, Local5)
  test('Divide writes the remainder before the quotient', () => {
    assertBytes(Divide(local(0), 3, local(4), local(5)), [
      0x78, // DivideOp
      0x60, // Dividend: Local0
      0x0a, 0x03, // Divisor: BytePrefix 0x03
      0x64, // Remainder: Local4
      0x65, // Quotient: Local5
    ]);
  });

  // ASL (in a method): Divide (Local0, 0x03, , Local5)
  test('Divide with only a quotient', () => {
    assertBytes(Divide(local(0), 3, NullTarget, local(5)), [
      0x78, // DivideOp
      0x60, // Dividend: Local0
      0x0a, 0x03, // Divisor: BytePrefix 0x03
      0x00, // Remainder: NullName
      0x65, // Quotient: Local5
    ]);
  });

  // ASL (in a method): Mid ("abcdef", One, 0x02, Local4)
  test('Mid', () => {
    assertBytes(Mid(new AmlString('abcdef'), 1, 2, local(4)), [
      0x9e, // MidOp
      0x0d, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x00, // "abcdef"
      0x01, // Index: OneOp
      0x0a, 0x02, // Length: BytePrefix 0x02
      0x64, // Target: Local4
    ]);
  });

  // ASL (in a method): Local3 = Match (PKG0, MEQ, 0x02, MTR, Zero, Zero)
  test('Match', () => {
    assertBytes(Store(new Match(PKG0, 'MEQ', 2, 'MTR', 0, 0), local(3)), [
      0x70, // StoreOp
      0x89, // MatchOp
      0x50, 0x4b, 0x47, 0x30, // SearchPkg: 'PKG0'
      0x01, // MatchOpcode: MEQ
      0x0a, 0x02, // Operand: BytePrefix 0x02
      0x00, // MatchOpcode: MTR
      0x00, // Operand: ZeroOp
      0x00, // StartIndex: ZeroOp
      0x63, // Local3
    ]);
  });

  // ASL (in a method): Local0 = Match (PKG0, MGT, Arg0, MLE, Arg1, One)
  test('Match opcodes MGT and MLE', () => {
    assertBytes(Store(new Match(PKG0, 'MGT', arg(0), 'MLE', arg(1), 1), local(0)), [
      0x70, // StoreOp
      0x89, // MatchOp
      0x50, 0x4b, 0x47, 0x30, // SearchPkg: 'PKG0'
      0x05, // MatchOpcode: MGT
      0x68, // Operand: Arg0
      0x02, // MatchOpcode: MLE
      0x69, // Operand: Arg1
      0x01, // StartIndex: OneOp
      0x60, // Local0
    ]);
  });

  test('MatchOp values are those iasl writes (MTR 0 .. MGT 5)', () => {
    assert.deepEqual(MatchOp, { MTR: 0, MEQ: 1, MLE: 2, MLT: 3, MGE: 4, MGT: 5 });
  });

  test('a negative Match operand throws out-of-range at construction', () => {
    assertEncodeError(() => new Match(PKG0, 'MEQ', -1, 'MTR', 0, 0), 'out-of-range');
  });
});

describe('logical operators (no target)', () => {
  // ASL (in a method): Local0 = LAnd (Arg0, Arg1)
  test('LAnd', () => {
    assertBytes(Store(LAnd(arg(0), arg(1)), local(0)), [
      0x70, // StoreOp
      0x90, // LAndOp
      0x68, 0x69, // Arg0, Arg1
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local0 = LOr (Arg0, Arg1)
  test('LOr', () => {
    assertBytes(Store(LOr(arg(0), arg(1)), local(0)), [
      0x70, // StoreOp
      0x91, // LOrOp
      0x68, 0x69, // Arg0, Arg1
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local0 = LNot (Arg0)
  test('LNot', () => {
    assertBytes(Store(LNot(arg(0)), local(0)), [
      0x70, // StoreOp
      0x92, // LNotOp
      0x68, // Arg0
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local0 = LEqual (Arg0, 0x05)
  test('LEqual', () => {
    assertBytes(Store(LEqual(arg(0), 5), local(0)), [
      0x70, // StoreOp
      0x93, // LEqualOp
      0x68, 0x0a, 0x05, // Arg0, BytePrefix 0x05
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local0 = LGreater (Arg0, 0x05)
  test('LGreater', () => {
    assertBytes(Store(LGreater(arg(0), 5), local(0)), [
      0x70, // StoreOp
      0x94, // LGreaterOp
      0x68, 0x0a, 0x05, // Arg0, BytePrefix 0x05
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local0 = LLess (Arg0, 0x05)
  test('LLess', () => {
    assertBytes(Store(LLess(arg(0), 5), local(0)), [
      0x70, // StoreOp
      0x95, // LLessOp
      0x68, 0x0a, 0x05, // Arg0, BytePrefix 0x05
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local0 = LNotEqual (Arg0, 0x05)
  test('LNotEqual is LNot LEqual', () => {
    assertBytes(Store(LNotEqual(arg(0), 5), local(0)), [
      0x70, // StoreOp
      0x92, 0x93, // LNotOp LEqualOp
      0x68, 0x0a, 0x05, // Arg0, BytePrefix 0x05
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local0 = LLessEqual (Arg0, 0x05)
  test('LLessEqual is LNot LGreater', () => {
    assertBytes(Store(LLessEqual(arg(0), 5), local(0)), [
      0x70, // StoreOp
      0x92, 0x94, // LNotOp LGreaterOp
      0x68, 0x0a, 0x05, // Arg0, BytePrefix 0x05
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local0 = LGreaterEqual (Arg0, 0x05)
  test('LGreaterEqual is LNot LLess', () => {
    assertBytes(Store(LGreaterEqual(arg(0), 5), local(0)), [
      0x70, // StoreOp
      0x92, 0x95, // LNotOp LLessOp
      0x68, 0x0a, 0x05, // Arg0, BytePrefix 0x05
      0x60, // Local0
    ]);
  });
});

describe('one-operand operators', () => {
  // ASL (in a method): Increment (Local0)
  test('Increment', () => {
    assertBytes(Increment(local(0)), [
      0x75, // IncrementOp
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Decrement (Local0)
  test('Decrement', () => {
    assertBytes(Decrement(local(0)), [
      0x76, // DecrementOp
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local0 = DerefOf (Index (PKG0, Arg0))
  test('DerefOf of an Index', () => {
    assertBytes(Store(DerefOf(Index(PKG0, arg(0))), local(0)), [
      0x70, // StoreOp
      0x83, // DerefOfOp
      0x88, // IndexOp
      0x50, 0x4b, 0x47, 0x30, // 'PKG0'
      0x68, // Arg0
      0x00, // Target: NullName
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local0 = RefOf (PKG0)
  test('RefOf', () => {
    assertBytes(Store(RefOf(PKG0), local(0)), [
      0x70, // StoreOp
      0x71, // RefOfOp
      0x50, 0x4b, 0x47, 0x30, // 'PKG0'
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local2 = SizeOf (PKG0)
  test('SizeOf', () => {
    assertBytes(Store(SizeOf(PKG0), local(2)), [
      0x70, // StoreOp
      0x87, // SizeOfOp
      0x50, 0x4b, 0x47, 0x30, // 'PKG0'
      0x62, // Local2
    ]);
  });

  // ASL (in a method): Local0 = ObjectType (Local1)
  test('ObjectType', () => {
    assertBytes(Store(ObjectType(local(1)), local(0)), [
      0x70, // StoreOp
      0x8e, // ObjectTypeOp
      0x61, // Local1
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Sleep (0x0A)
  test('Sleep', () => {
    assertBytes(Sleep(10), [
      0x5b, 0x22, // SleepOp
      0x0a, 0x0a, // BytePrefix 0x0A
    ]);
  });

  // ASL (in a method): Stall (0x05)
  test('Stall', () => {
    assertBytes(Stall(5), [
      0x5b, 0x21, // StallOp
      0x0a, 0x05, // BytePrefix 0x05
    ]);
  });

  // ASL (in a method): Release (MTX0)
  test('Release', () => {
    assertBytes(Release(name('MTX0')), [
      0x5b, 0x27, // ReleaseOp
      0x4d, 0x54, 0x58, 0x30, // 'MTX0'
    ]);
  });
});

describe('Store, CopyObject, Notify and Acquire', () => {
  // ASL (in a method): Store (Local0, INT0)
  test('Store writes the value before the destination', () => {
    assertBytes(Store(local(0), name('INT0')), [
      0x70, // StoreOp
      0x60, // Local0
      0x49, 0x4e, 0x54, 0x30, // 'INT0'
    ]);
  });

  // ASL (in a method): Store (0x1234, Local1)
  test('Store of a number', () => {
    assertBytes(Store(0x1234, local(1)), [
      0x70, // StoreOp
      0x0b, 0x34, 0x12, // WordPrefix 0x1234
      0x61, // Local1
    ]);
  });

  // ASL (in a method): CopyObject (Local0, Local1)
  test('CopyObject', () => {
    assertBytes(CopyObject(local(0), local(1)), [
      0x9d, // CopyObjectOp
      0x60, // Local0
      0x61, // Local1
    ]);
  });

  // ASL (in a method): Notify (DEV0, 0x80)
  test('Notify', () => {
    assertBytes(Notify(name('DEV0'), 0x80), [
      0x86, // NotifyOp
      0x44, 0x45, 0x56, 0x30, // 'DEV0'
      0x0a, 0x80, // BytePrefix 0x80
    ]);
  });

  // ASL (in a method): Notify (\_SB.PCI0.S08, One)
  // Compiled with `iasl -on`.
  test('Notify of a root path with value One', () => {
    assertBytes(Notify(name('\\_SB.PCI0.S08'), 1), [
      0x86, // NotifyOp
      0x5c, 0x2f, 0x03, // RootChar MultiNamePrefix SegCount 3
      0x5f, 0x53, 0x42, 0x5f, // '_SB_'
      0x50, 0x43, 0x49, 0x30, // 'PCI0'
      0x53, 0x30, 0x38, 0x5f, // 'S08_'
      0x01, // OneOp
    ]);
  });

  // ASL (in a method): Acquire (MTX0, 0xFFFF)
  test('Acquire writes its timeout as a raw word', () => {
    assertBytes(new Acquire(name('MTX0'), 0xffff), [
      0x5b, 0x23, // AcquireOp
      0x4d, 0x54, 0x58, 0x30, // 'MTX0'
      0xff, 0xff, // Timeout (WordData)
    ]);
  });

  // ASL (in a method): Acquire (MTX0, 0x0000)
  test('Acquire with no wait still writes two bytes', () => {
    assertBytes(new Acquire(name('MTX0'), 0), [
      0x5b, 0x23, // AcquireOp
      0x4d, 0x54, 0x58, 0x30, // 'MTX0'
      0x00, 0x00, // Timeout (WordData)
    ]);
  });

  test('an Acquire timeout of 0x10000 throws out-of-range', () => {
    assertEncodeError(() => new Acquire(name('MTX0'), 0x10000), 'out-of-range');
  });
});

describe('buffer field creators', () => {
  // ASL: CreateDWordField (BUF0, 0x04, DW01)
  test('CreateDWordField', () => {
    assertBytes(CreateDWordField(BUF0, 4, 'DW01'), [
      0x8a, // CreateDWordFieldOp
      0x42, 0x55, 0x46, 0x30, // SourceBuff: 'BUF0'
      0x0a, 0x04, // ByteIndex: BytePrefix 0x04
      0x44, 0x57, 0x30, 0x31, // 'DW01'
    ]);
  });

  // ASL: CreateWordField (BUF0, 0x02, WD01)
  test('CreateWordField', () => {
    assertBytes(CreateWordField(BUF0, 2, 'WD01'), [
      0x8b, // CreateWordFieldOp
      0x42, 0x55, 0x46, 0x30, // SourceBuff: 'BUF0'
      0x0a, 0x02, // ByteIndex: BytePrefix 0x02
      0x57, 0x44, 0x30, 0x31, // 'WD01'
    ]);
  });

  // ASL: CreateByteField (BUF0, One, BY01)
  test('CreateByteField', () => {
    assertBytes(CreateByteField(BUF0, 1, 'BY01'), [
      0x8c, // CreateByteFieldOp
      0x42, 0x55, 0x46, 0x30, // SourceBuff: 'BUF0'
      0x01, // ByteIndex: OneOp
      0x42, 0x59, 0x30, 0x31, // 'BY01'
    ]);
  });

  // ASL: CreateBitField (BUF0, 0x03, BI01)
  test('CreateBitField', () => {
    assertBytes(CreateBitField(BUF0, 3, 'BI01'), [
      0x8d, // CreateBitFieldOp
      0x42, 0x55, 0x46, 0x30, // SourceBuff: 'BUF0'
      0x0a, 0x03, // BitIndex: BytePrefix 0x03
      0x42, 0x49, 0x30, 0x31, // 'BI01'
    ]);
  });

  // ASL: CreateQWordField (BUF0, 0x08, QW01)
  test('CreateQWordField', () => {
    assertBytes(CreateQWordField(BUF0, 8, 'QW01'), [
      0x8f, // CreateQWordFieldOp
      0x42, 0x55, 0x46, 0x30, // SourceBuff: 'BUF0'
      0x0a, 0x08, // ByteIndex: BytePrefix 0x08
      0x51, 0x57, 0x30, 0x31, // 'QW01'
    ]);
  });

  // ASL: CreateField (BUF0, 0x04, 0x0C, CF01)
  test('CreateField', () => {
    assertBytes(CreateField(BUF0, 4, 12, 'CF01'), [
      0x5b, 0x13, // CreateFieldOp
      0x42, 0x55, 0x46, 0x30, // SourceBuff: 'BUF0'
      0x0a, 0x04, // BitIndex: BytePrefix 0x04
      0x0a, 0x0c, // NumBits: BytePrefix 0x0C
      0x43, 0x46, 0x30, 0x31, // 'CF01'
    ]);
  });

  // ASL (in a method): CreateDWordField (Arg0, 0x10, CDW1)
  test('CreateDWordField on an argument', () => {
    assertBytes(CreateDWordField(arg(0), 0x10, 'CDW1'), [
      0x8a, // CreateDWordFieldOp
      0x68, // SourceBuff: Arg0
      0x0a, 0x10, // ByteIndex: BytePrefix 0x10
      0x43, 0x44, 0x57, 0x31, // 'CDW1'
    ]);
  });

  test('an invalid field name throws bad-name at construction', () => {
    assertEncodeError(() => CreateDWordField(BUF0, 0, 'dw01'), 'bad-name');
  });

  test('an invalid CreateField name throws bad-name at construction', () => {
    assertEncodeError(() => CreateField(BUF0, 0, 1, 'CF-1'), 'bad-name');
  });
});

describe('Call (method invocation)', () => {
  // ASL (in a method): MTH0 (Arg0, 0x02)
  test('a name followed by its arguments', () => {
    assertBytes(new Call('MTH0', [arg(0), 2]), [
      0x4d, 0x54, 0x48, 0x30, // 'MTH0'
      0x68, // Arg0
      0x0a, 0x02, // BytePrefix 0x02
    ]);
  });

  // ASL (in a method): Local7 = \MTH0 (One, Local7)
  // Compiled with `iasl -on`.
  test('a root path call used as a value', () => {
    assertBytes(Store(new Call('\\MTH0', [1, local(7)]), local(7)), [
      0x70, // StoreOp
      0x5c, 0x4d, 0x54, 0x48, 0x30, // '\MTH0'
      0x01, // OneOp
      0x67, // Local7
      0x67, // Target: Local7
    ]);
  });

  // ASL (in a method): Local0 = \_SB.PCI0.S08._ADR
  // Compiled with `iasl -on`. A call with no arguments is just the NameString.
  test('a call with no arguments is the bare name', () => {
    assertBytes(Store(new Call('\\_SB.PCI0.S08._ADR'), local(0)), [
      0x70, // StoreOp
      0x5c, 0x2f, 0x04, // RootChar MultiNamePrefix SegCount 4
      0x5f, 0x53, 0x42, 0x5f, // '_SB_'
      0x50, 0x43, 0x49, 0x30, // 'PCI0'
      0x53, 0x30, 0x38, 0x5f, // 'S08_'
      0x5f, 0x41, 0x44, 0x52, // '_ADR'
      0x60, // Local0
    ]);
  });

  test('eight arguments throw bad-argument', () => {
    assertEncodeError(() => new Call('MTH0', [0, 1, 2, 3, 4, 5, 6, 7]), 'bad-argument');
  });

  test('an invalid method name throws bad-name', () => {
    assertEncodeError(() => new Call('mth0'), 'bad-name');
  });

  test('NameRef and a zero-argument Call encode alike', () => {
    assert.deepEqual(toBytes(new Call('MTH0')), toBytes(new NameRef('MTH0')));
  });
});
