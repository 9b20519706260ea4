// Control flow (src/aml/interp/ops/control.ts): If/ElseIf chains, the While that
// iasl makes of Switch/Case, Break, Continue, Return from inside loops.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { integer } from '../../../src/aml/interp/index.ts';
import { aml, assertAmlError, dsdt, intOf, machine, run } from './helpers.ts';

const SWITCH = `
Method (MAIN, 1, Serialized) {
    Switch (ToInteger (Arg0)) {
        Case (1) { Return (0x10) }
        Case (Package () { 2, 3 }) { Return (0x20) }
        Default { Return (0x30) }
    }
    Return (0xFF)
}`;

describe('If and Else', () => {
  test('an ElseIf chain takes the first true branch', () => {
    const body = 'Method (MAIN, 1) { If (Arg0 == 1) { Return (1) } ElseIf (Arg0 == 2) { Return (2) } Else { Return (3) } }';
    const m = machine(aml(dsdt(body)));
    assert.deepEqual([1, 2, 7].map((a) => intOf(m.interp.evaluate('\\MAIN', [integer(a)]))), [1n, 2n, 3n]);
  });

  test('a String predicate is converted to an Integer', () => {
    assert.equal(intOf(run('Method (MAIN) { Local0 = "0" \n If (Local0) { Return (1) } \n Return (2) }')), 2n);
  });
});

describe('Switch as iasl compiles it', () => {
  test('Case of an Integer', () => assert.equal(intOf(run(SWITCH, '\\MAIN', [integer(1)])), 0x10n));
  test('Case of a Package matches any element', () => assert.equal(intOf(run(SWITCH, '\\MAIN', [integer(3)])), 0x20n));
  test('Default', () => assert.equal(intOf(run(SWITCH, '\\MAIN', [integer(9)])), 0x30n));

  test('each call gets its own _T_0 temporary', () => {
    const m = machine(aml(dsdt(SWITCH)));
    m.interp.evaluate('\\MAIN', [integer(1)]);
    assert.equal(intOf(m.interp.evaluate('\\MAIN', [integer(2)])), 0x20n);
    assert.equal(m.interp.exists('\\MAIN._T_0'), false);
  });
});

describe('While', () => {
  test('counts up to its bound', () => {
    assert.equal(intOf(run('Method (MAIN, 1) { Local0 = 0 \n While (Local0 < Arg0) { Local0++ } \n Return (Local0) }', '\\MAIN', [integer(1000)])), 1000n);
  });

  test('Break leaves only the innermost loop', () => {
    const body = 'Method (MAIN) { Local0 = 0 \n Local1 = 0 \n While (Local0 < 3) { Local0++ \n While (One) { Local1++ \n Break } } \n Return (Local1) }';
    assert.equal(intOf(run(body)), 3n);
  });

  test('Continue skips the rest of the body', () => {
    const body = 'Method (MAIN) { Local0 = 0 \n Local1 = 0 \n While (Local0 < 10) { Local0++ \n If (Local0 & 1) { Continue } \n Local1++ } \n Return (Local1) }';
    assert.equal(intOf(run(body)), 5n);
  });

  test('Return from inside nested loops ends the method', () => {
    assert.equal(intOf(run('Method (MAIN) { While (One) { While (One) { Return (7) } } }')), 7n);
  });

  test('the acpiexec self-test loop gives acpiexec\'s result', () => {
    const body = `Method (LOOP, 1, Serialized) {
        Local0 = 0
        Local1 = 0
        While (Local0 < Arg0) {
            If ((Local0 & 1) == 0) { Store (Local1 + Local0, Local1) } Else { Local1 += 100 }
            Local0++
        }
        Return (Local1)
    }`;
    // acpiexec -b 'execute \\LOOP 100000' prints 00000000954E80F0
    assert.equal(intOf(run(body, '\\LOOP', [integer(100000)])), 0x954e80f0n);
  });
});

describe('misplaced control', () => {
  test('Fatal reaches the host with its type, code and argument, and execution goes on', () => {
    const m = machine(aml(dsdt('Method (MAIN) { Fatal (1, 0x2345, 6) \n Return (7) }')));
    const seen: string[] = [];
    m.interp.onFatal((type, code, arg) => seen.push(`${type} 0x${code.toString(16)} ${arg}`));
    assert.equal(intOf(m.interp.evaluate('\\MAIN')), 7n);
    assert.deepEqual(seen, ['1 0x2345 6']);
  });

  test('a host that stops at Fatal ends the evaluation with AmlError fatal', () => {
    const m = machine(aml(dsdt('Method (MAIN) { Fatal (1, 0x2345, 6) \n Return (7) }')));
    m.interp.onFatal(() => {
      throw new Error('halted');
    });
    const e = assertAmlError(() => m.interp.evaluate('\\MAIN'), 'fatal');
    assert.match(e.message, /type 0x1 code 0x2345 arg 0x6.*halted/);
  });

  test('Noop and BreakPoint do nothing', () => {
    assert.equal(intOf(run('Method (MAIN) { Noop \n BreakPoint \n Return (1) }')), 1n);
  });
});
