// Bounded execution: a loop-iteration limit, a call-depth limit and a time limit
// end an evaluation with a clear AmlError, never a hang or a host stack overflow.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Interpreter, AmlError } from '../../../src/aml/interp/index.ts';
import { aml, assertAmlError, dsdt, machine } from './helpers.ts';

describe('limits', () => {
  test('a While (One) loop ends with loop-timeout at the loop limit', () => {
    const m = machine(aml(dsdt('Method (MAIN) { While (One) { Noop } }')), { limits: { loopIterations: 1000 } });
    const e = assertAmlError(() => m.interp.evaluate('\\MAIN'), 'loop-timeout');
    assert.equal(e.method, '\\MAIN');
  });

  test('the loop limit counts each entry of a loop afresh', () => {
    const body = 'Method (MAIN) { Local0 = 0 \n While (Local0 < 10) { Local0++ \n Local1 = 0 \n While (Local1 < 90) { Local1++ } } \n Return (Local0) }';
    const m = machine(aml(dsdt(body)), { limits: { loopIterations: 100 } });
    assert.equal(m.interp.evaluate('\\MAIN')?.kind, 'integer');
  });

  test('unbounded recursion ends with call-depth', () => {
    const m = machine(aml(dsdt('Method (MAIN, 1) { Return (MAIN (Arg0 + 1)) }')), { limits: { callDepth: 64 } });
    assertAmlError(() => m.interp.evaluate('\\MAIN', [{ kind: 'integer', value: 0n }]), 'call-depth');
  });

  test('the default call-depth limit is reached before the host stack is', () => {
    const m = machine(aml(dsdt('Method (MAIN, 1) { Return (MAIN (Arg0 + 1)) }')));
    assertAmlError(() => m.interp.evaluate('\\MAIN', [{ kind: 'integer', value: 0n }]), 'call-depth');
  });

  test('a busy evaluation ends with time-limit', () => {
    const m = machine(aml(dsdt('Method (MAIN) { While (One) { Local0 = 1 } }')), { limits: { timeMs: 50, loopIterations: 1e12 } });
    const t0 = performance.now();
    assertAmlError(() => m.interp.evaluate('\\MAIN'), 'time-limit');
    assert.ok(performance.now() - t0 < 2000);
  });

  test('exponential recursion is stopped by the time limit', () => {
    const body = 'Method (FORK, 1) { If (Arg0) { FORK (Arg0 - 1) \n FORK (Arg0 - 1) } }\nMethod (MAIN) { FORK (60) }';
    const m = machine(aml(dsdt(body)), { limits: { timeMs: 50 } });
    assertAmlError(() => m.interp.evaluate('\\MAIN'), 'time-limit');
  });

  test('limits must be positive numbers', () => {
    assert.throws(() => new Interpreter({ limits: { callDepth: 0 } }), (e: unknown) => e instanceof AmlError && e.code === 'bad-argument');
  });
});

describe('host stack', () => {
  test('deep expressions in a recursive method end with call-depth, not a host crash', () => {
    // Method (MAIN, 1) { Return (MAIN (Not (Not (... 150 ... (Arg0))))) }: each call nests 150 closures.
    const depth = 150;
    const body = [0xa4, 0x4d, 0x41, 0x49, 0x4e, ...new Array(depth).fill(0x80), 0x68, ...new Array(depth).fill(0x00)];
    const pkg = 2 + 4 + 1 + body.length;
    const method = [0x14, 0x40 | (pkg & 0x0f), pkg >> 4, 0x4d, 0x41, 0x49, 0x4e, 0x01, ...body];
    const table = new Uint8Array(36 + method.length);
    table.set([0x53, 0x53, 0x44, 0x54]);
    new DataView(table.buffer).setUint32(4, table.length, true);
    table[8] = 2;
    table.set(method, 36);
    const i = new Interpreter({ limits: { callDepth: 100_000, timeMs: 10_000 } });
    i.loadTable(table);
    assertAmlError(() => i.evaluate('\\MAIN', [{ kind: 'integer', value: 0n }]), 'call-depth');
  });
});
