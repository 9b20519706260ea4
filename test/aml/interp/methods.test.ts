// Method invocation (src/aml/interp/invoke.ts): arguments, return values, names a
// method declares (one set per call, deleted on return), Serialized methods.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { integer } from '../../../src/aml/interp/index.ts';
import { aml, assertAmlError, dsdt, intOf, machine, run, runForced } from './helpers.ts';

describe('calls', () => {
  test('arguments and return value', () => {
    assert.equal(intOf(run('Method (ADD2, 2) { Return (Arg0 + Arg1) }\nMethod (MAIN) { Return (ADD2 (40, 2)) }')), 42n);
  });

  test('a call through a relative path with a parent prefix', () => {
    const body = 'Device (DEV0) { Name (_ADR, 0)\n Method (HLP1) { Return (5) }\n Device (SUB0) { Name (_ADR, 0)\n Method (MAIN) { Return (^^HLP1 ()) } } }';
    assert.equal(intOf(run(body, '\\DEV0.SUB0.MAIN')), 5n);
  });

  test('a missing argument is uninitialized when read', () => {
    assertAmlError(() => machine(aml(dsdt('Method (MAIN, 1) { Return (Arg0) }'))).interp.evaluate('\\MAIN'), 'uninitialized');
  });

  test('a Buffer argument is shared: the callee\'s CreateField writes are seen by the caller', () => {
    const body = 'Method (SETB, 1) { CreateDWordField (Arg0, 0, DW0) \n DW0 = 0x11223344 }\nMethod (MAIN) { Local0 = Buffer (4) {} \n SETB (Local0) \n Return (Local0) }';
    const v = run(body);
    assert.deepEqual(v?.kind === 'buffer' && [...v.value], [0x44, 0x33, 0x22, 0x11]);
  });

  test('a method used as a value must return one', () => {
    assertAmlError(() => runForced('Method (NONE) {}\nMethod (MAIN) { Return (NONE () + 1) }'), 'uninitialized');
  });

  test('an undefined name is an undefined-reference error with the method and offset', () => {
    const e = assertAmlError(() => run('External (\\NOPE, IntObj)\nMethod (MAIN) { Return (\\NOPE) }'), 'undefined-reference');
    assert.equal(e.method, '\\MAIN');
    assert.ok((e.offset ?? 0) > 36);
  });
});

describe('names declared in a method', () => {
  test('exist during the call and are deleted when it returns', () => {
    const m = machine(aml(dsdt('Method (MAIN, 0, Serialized) { Name (TMP0, 5) \n Return (CondRefOf (\\MAIN.TMP0)) }')));
    assert.equal(intOf(m.interp.evaluate('\\MAIN')), 0xffffffffffffffffn);
    assert.equal(m.interp.exists('\\MAIN.TMP0'), false);
  });

  test('start from their initial value on every call (QEMU\'s CNEW)', () => {
    const m = machine(aml(dsdt('Method (MAIN, 0, Serialized) { Name (CNEW, Package (4) {}) \n Local0 = ObjectType (CNEW [0]) \n CNEW [0] = 1 \n Return (Local0) }')));
    assert.deepEqual([intOf(m.interp.evaluate('\\MAIN')), intOf(m.interp.evaluate('\\MAIN'))], [0n, 0n]);
  });

  test('shadow a global of the same name only inside the method', () => {
    const body = 'Name (VAL0, 1)\nMethod (MAIN, 0, Serialized) { Name (VAL0, 2) \n Return (VAL0) }\nMethod (GLOB) { Return (VAL0) }';
    const m = machine(aml(dsdt(body)));
    assert.deepEqual([intOf(m.interp.evaluate('\\MAIN')), intOf(m.interp.evaluate('\\GLOB'))], [2n, 1n]);
  });

  test('a recursive NotSerialized method that declares a name fails on the second level', () => {
    assertAmlError(() => runForced('Method (MAIN, 1) { Name (TMP0, 0) \n If (Arg0) { MAIN (0) } }', '\\MAIN', [integer(1)]), 'already-exists');
  });

  test('an OperationRegion declared in a method reaches the address its arguments give', () => {
    const m = machine(aml(dsdt('Method (POKB, 2, Serialized) { OperationRegion (PKR, SystemIO, Arg0, 1) \n Field (PKR, ByteAcc, NoLock, Preserve) { PKB, 8 } \n PKB = Arg1 }')));
    m.interp.evaluate('\\POKB', [integer(0xcdc), integer(3)]);
    assert.equal(m.io.bytes.get(0xcdcn), 3);
  });
});
