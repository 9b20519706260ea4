// Integer and logical operators (src/aml/interp/ops/arith.ts, logic.ts): width,
// wrap-around, division, shifts, and the two-operand evaluation of LAnd/LOr.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { integer } from '../../../src/aml/interp/index.ts';
import { aml, assertAmlError, dsdt, intOf, machine, run } from './helpers.ts';

const M2 = (expr: string) => `Method (MAIN, 2) { Return (${expr}) }`;
const calc = (expr: string, a: bigint | number, b: bigint | number, revision = 2) =>
  intOf(run(M2(expr), '\\MAIN', [integer(a), integer(b)], revision));

describe('integer width', () => {
  test('Add wraps at 64 bits in a revision 2 DSDT', () => {
    assert.equal(calc('Arg0 + Arg1', 0xffffffffffffffffn, 2), 1n);
  });

  test('Add wraps at 32 bits in a revision 1 DSDT', () => {
    assert.equal(calc('Arg0 + Arg1', 0xffffffffn, 2, 1), 1n);
  });

  test('Ones is 32 bits wide in a revision 1 DSDT', () => {
    assert.equal(intOf(run('Method (MAIN) { Return (Ones) }', '\\MAIN', [], 1)), 0xffffffffn);
  });

  test('Subtract below zero wraps', () => {
    assert.equal(calc('Arg0 - Arg1', 1, 2), 0xffffffffffffffffn);
  });

  test('Not is bounded by the width', () => {
    assert.equal(intOf(run('Method (MAIN, 1) { Return (~Arg0) }', '\\MAIN', [integer(0)], 1)), 0xffffffffn);
  });

  test('a QWord constant in a revision 1 DSDT is truncated to 32 bits', () => {
    assert.equal(intOf(run('Method (MAIN) { Local0 = 0x123456789 \n Return (Local0) }', '\\MAIN', [], 1)), 0x23456789n);
  });
});

describe('operators', () => {
  test('Multiply', () => assert.equal(calc('Arg0 * Arg1', 6, 7), 42n));
  test('Mod', () => assert.equal(calc('Arg0 % Arg1', 100, 7), 2n));
  test('And, Or, XOr', () => assert.equal(calc('((Arg0 & Arg1) | 0x100) ^ 0x1', 0xf0, 0x3c), 0x131n));
  test('NAnd and NOr', () => assert.equal(calc('NAnd (Arg0, Arg1) ^ NOr (Arg0, Arg1)', 0xf0, 0x0f), 0xffn));
  test('ShiftLeft by the width or more gives zero', () => assert.equal(calc('Arg0 << Arg1', 1, 64), 0n));
  test('ShiftRight', () => assert.equal(calc('Arg0 >> Arg1', 0xf0, 4), 0xfn));
  test('FindSetLeftBit is 1-based', () => assert.equal(calc('FindSetLeftBit (Arg0) + Arg1', 0x80, 0), 8n));
  test('FindSetRightBit of zero is zero', () => assert.equal(calc('FindSetRightBit (Arg0) + Arg1', 0, 0), 0n));
  test('ToBCD and FromBCD', () => assert.equal(calc('FromBCD (ToBCD (Arg0)) + Arg1', 1234, 0), 1234n));

  test('Divide stores remainder and quotient and returns the quotient', () => {
    const body = 'Method (MAIN, 2) { Local2 = Divide (Arg0, Arg1, Local0, Local1) \n Return ((Local0 << 16) | (Local1 << 8) | Local2) }';
    assert.equal(intOf(run(body, '\\MAIN', [integer(100), integer(7)])), 0x020e0en);
  });

  test('division by zero is an AML error', () => {
    assertAmlError(() => calc('Arg0 / Arg1', 1, 0), 'divide-by-zero');
  });

  test('Increment of a named Integer stores back', () => {
    assert.equal(intOf(run('Name (CNT, 41)\nMethod (MAIN) { CNT++ \n Return (CNT) }')), 42n);
  });

  test('Decrement below zero wraps', () => {
    assert.equal(intOf(run('Method (MAIN) { Local0 = 0 \n Local0-- \n Return (Local0) }', '\\MAIN', [], 1)), 0xffffffffn);
  });

  test('an operand that is a String is read as hex', () => {
    assert.equal(intOf(run('Method (MAIN) { Local0 = "1F" \n Return (Local0 + 1) }')), 0x20n);
  });

  test('an operand that is a Buffer is read little-endian', () => {
    assert.equal(intOf(run('Method (MAIN) { Local0 = Buffer () { 0x34, 0x12 } \n Return (Local0 + 0) }')), 0x1234n);
  });

  test('a Package operand is a type mismatch', () => {
    assertAmlError(() => run('Method (MAIN) { Local0 = Package () { 1 } \n Return (Local0 + 1) }'), 'type-mismatch');
  });
});

describe('logical operators', () => {
  test('true is Ones, false is Zero', () => {
    assert.deepEqual([calc('Arg0 == Arg1', 3, 3), calc('Arg0 == Arg1', 3, 4)], [0xffffffffffffffffn, 0n]);
  });

  test('Strings compare by bytes, then by length', () => {
    assert.equal(intOf(run('Method (MAIN) { Local0 = "abc" \n Return (Local0 < "abd") }')), 0xffffffffffffffffn);
  });

  test('the second operand is converted to the type of the first', () => {
    assert.equal(intOf(run('Method (MAIN) { Local0 = 0x10 \n Return (Local0 == "10") }')), 0xffffffffffffffffn);
  });

  test('Buffers compare equal when bytes and lengths match', () => {
    assert.equal(intOf(run('Method (MAIN) { Local0 = Buffer () {1, 2} \n Return (Local0 == Buffer () {1, 2}) }')), 0xffffffffffffffffn);
  });

  test('LAnd evaluates both operands even when the first is false', () => {
    const m = machine(aml(dsdt(
      'OperationRegion (R, SystemIO, 0x80, 1)\nField (R, ByteAcc, NoLock, Preserve) { P80, 8 }\nMethod (MAIN, 1) { Return (Arg0 && P80) }',
    )));
    m.interp.evaluate('\\MAIN', [integer(0)]);
    assert.equal(m.accesses.length, 1);
  });
});
