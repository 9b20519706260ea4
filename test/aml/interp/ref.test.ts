// Store semantics and references (src/aml/interp/store.ts, ops/ref.ts): implicit
// conversion into named objects, copies into Locals, stores through RefOf in Args,
// Index into packages, buffers and strings, DerefOf, CondRefOf, Match, ObjectType, SizeOf.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { integer } from '../../../src/aml/interp/index.ts';
import { assertAmlError, intOf, run, runForced } from './helpers.ts';

describe('Store', () => {
  test('into a named Integer converts a String as hex', () => {
    assert.equal(intOf(run('Name (INT1, 0)\nMethod (MAIN) { INT1 = "77" \n Return (INT1) }')), 0x77n);
  });

  test('into a named String converts an Integer to hex digits', () => {
    const v = run('Name (STR1, "")\nMethod (MAIN) { STR1 = 0x42 \n Return (STR1) }');
    assert.deepEqual(v, { kind: 'string', value: '0000000000000042' });
  });

  test('into a named Buffer keeps the buffer length (zero-padded or truncated)', () => {
    const v = run('Name (BUF1, Buffer (6) {0xAA, 0xBB})\nMethod (MAIN) { BUF1 = 0x0102030405060708 \n Return (BUF1) }');
    assert.deepEqual(v?.kind === 'buffer' && [...v.value], [8, 7, 6, 5, 4, 3]);
  });

  test('into a named Package needs a Package', () => {
    assertAmlError(() => run('Name (PKG1, Package () {1})\nMethod (MAIN, 1) { PKG1 = Arg0 }', '\\MAIN', [integer(1)]), 'type-mismatch');
  });

  test('into a Local copies: changing the copy leaves the original', () => {
    const v = run('Name (PKG1, Package () {1, 2})\nMethod (MAIN) { Local0 = PKG1 \n Local0 [0] = 9 \n Return (DerefOf (PKG1 [0])) }');
    assert.equal(intOf(v), 1n);
  });

  test('into an Arg holding RefOf writes through to the named object', () => {
    const v = run('Name (INT1, 1)\nMethod (SET, 1) { Arg0 = 5 }\nMethod (MAIN) { SET (RefOf (INT1)) \n Return (INT1) }');
    assert.equal(intOf(v), 5n);
  });

  test('into an Arg holding a value overwrites only the Arg', () => {
    const v = run('Name (INT1, 1)\nMethod (SET, 1) { Arg0 = 5 }\nMethod (MAIN) { SET (INT1) \n Return (INT1) }');
    assert.equal(intOf(v), 1n);
  });

  test('CopyObject replaces a named Integer with a String', () => {
    const v = run('Name (INT1, 1)\nMethod (MAIN) { CopyObject ("s", INT1) \n Return (ObjectType (INT1)) }');
    assert.equal(intOf(v), 2n);
  });
});

describe('references', () => {
  test('DerefOf (RefOf (name)) reads the object', () => {
    assert.equal(intOf(run('Name (INT1, 0x1234)\nMethod (MAIN) { Local0 = RefOf (INT1) \n Return (DerefOf (Local0)) }')), 0x1234n);
  });

  test('Store through DerefOf of a reference writes the named object', () => {
    assert.equal(intOf(run('Name (INT1, 0)\nMethod (MAIN) { Local0 = RefOf (INT1) \n DerefOf (Local0) = 3 \n Return (INT1) }')), 3n);
  });

  test('Index into a named Buffer stores one byte in place', () => {
    const v = run('Name (BUF1, Buffer () {1, 2, 3})\nMethod (MAIN) { BUF1 [1] = 0x1FF \n Return (BUF1) }');
    assert.deepEqual(v?.kind === 'buffer' && [...v.value], [1, 0xff, 3]);
  });

  test('Index into a String replaces one character', () => {
    assert.deepEqual(run('Name (STR1, "abc")\nMethod (MAIN) { STR1 [0] = 0x41 \n Return (STR1) }'), { kind: 'string', value: 'Abc' });
  });

  test('Index past the end of a package is index-out-of-range', () => {
    assertAmlError(() => run('Method (MAIN) { Local0 = Package (2) {} \n Return (Local0 [5]) }'), 'index-out-of-range');
  });

  test('DerefOf an uninitialized package element is uninitialized', () => {
    assertAmlError(() => run('Method (MAIN) { Local0 = Package (2) {} \n Return (DerefOf (Local0 [1])) }'), 'uninitialized');
  });

  test('an Index reference used as an Integer operand is dereferenced', () => {
    assert.equal(intOf(run('Name (PKG1, Package () {40})\nMethod (MAIN) { Local0 = PKG1 [0] \n Return (Local0 + 2) }')), 42n);
  });

  test('CondRefOf of a missing name is false and stores nothing', () => {
    assert.equal(intOf(run('Method (MAIN) { Local0 = 7 \n If (CondRefOf (\\NOPE, Local0)) { Return (1) } \n Return (Local0) }')), 7n);
  });

  test('CondRefOf of an existing name stores a reference', () => {
    assert.equal(intOf(run('Name (INT1, 9)\nMethod (MAIN) { CondRefOf (INT1, Local0) \n Return (DerefOf (Local0)) }')), 9n);
  });

  test('DerefOf a String looks the path up', () => {
    assert.equal(intOf(run('Name (INT1, 9)\nMethod (MAIN) { Local0 = "\\\\INT1" \n Return (DerefOf (Local0)) }')), 9n);
  });
});

describe('Match, ObjectType, SizeOf', () => {
  test('Match finds the first element meeting both conditions', () => {
    assert.equal(intOf(run('Method (MAIN) { Return (Match (Package () {1, 5, 9, 12}, MGT, 4, MLT, 10, 0)) }')), 1n);
  });

  test('Match returns Ones when nothing matches', () => {
    assert.equal(intOf(run('Method (MAIN) { Return (Match (Package () {1, 5}, MEQ, 7, MTR, 0, 0)) }')), 0xffffffffffffffffn);
  });

  test('Match compares Strings', () => {
    assert.equal(intOf(run('Method (MAIN) { Return (Match (Package () {"a", "b"}, MEQ, "b", MTR, 0, 0)) }')), 1n);
  });

  test('ObjectType codes of named objects', () => {
    const w = run('Name (PKG0, Package () {})\nMutex (MTX0, 0)\nOperationRegion (RGN0, SystemIO, 0, 1)\nField (RGN0, ByteAcc, NoLock, Preserve) { FLD0, 8 }\nDevice (DEV0) { Name (_ADR, 0) }\n' +
      'Method (MAIN) { Return ((ObjectType (PKG0) << 20) | (ObjectType (MTX0) << 16) | (ObjectType (RGN0) << 12) | (ObjectType (FLD0) << 8) | (ObjectType (DEV0) << 4) | ObjectType (MAIN)) }');
    assert.equal(intOf(w), 0x49a568n);
  });

  test('ObjectType and SizeOf of a name holding a reference (CopyObject of a RefOf) see the object referred to, as acpiexec 20200925 does', () => {
    const v = runForced('Device (DEV0) { Name (_ADR, 0) }\nName (BUF0, Buffer (5) {})\nName (RDEV, 0)\nName (RBUF, 0)\n' +
      'Method (MAIN) { CopyObject (RefOf (DEV0), RDEV) \n CopyObject (RefOf (BUF0), RBUF) \n Return ((ObjectType (RDEV) << 8) | SizeOf (RBUF)) }');
    assert.equal(intOf(v), 0x605n);
  });

  test('ObjectType of an uninitialized Local is 0', () => {
    assert.equal(intOf(run('Method (MAIN, 1) { If (Arg0) { Local0 = 1 } \n Return (ObjectType (Local0)) }', '\\MAIN', [integer(0)])), 0n);
  });

  test('SizeOf a Buffer, a String and a Package', () => {
    const v = run('Name (BUF1, Buffer (6) {})\nName (STR1, "hello")\nName (PKG1, Package (3) {})\nMethod (MAIN) { Return ((SizeOf (BUF1) << 8) | (SizeOf (STR1) << 4) | SizeOf (PKG1)) }');
    assert.equal(intOf(v), 0x653n);
  });

  test('SizeOf an Integer is its width in bytes', () => {
    assert.equal(intOf(run('Name (INT1, 1)\nMethod (MAIN) { Return (SizeOf (INT1)) }', '\\MAIN', [], 1)), 4n);
  });
});
