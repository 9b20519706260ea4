// Loading and initialising in steps (Interpreter.loadTableInSteps and
// runInitializersInSteps): the same namespace and results as the one-call forms,
// in bounded steps, with no other AML running in between, and a table's nesting
// bounded across the scope bodies it decodes as it enters them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_NESTING } from '../../../src/aml/decode/index.ts';
import { Interpreter } from '../../../src/aml/interp/index.ts';
import { LOAD_STEP_STATEMENTS } from '../../../src/aml/interp/loader.ts';
import { INIT_STEP_DEVICES } from '../../../src/aml/interp/interpreter.ts';
import { aml, assertAmlError, dsdt, intOf } from './helpers.ts';

const DEVICES = 300;

/** DEVICES devices with module-level code in their bodies, and one whose _STA fails. */
const manyDevices = aml(dsdt(`
  Name (CNT, 0)
  Scope (\\_SB) {
${Array.from({ length: DEVICES }, (_, i) => `    Device (D${i.toString(16).toUpperCase().padStart(3, '0')}) {
      Name (_HID, "ACPI0007")
      Name (_UID, ${i})
      Method (_STA) { Return (${i === 7 ? 'Local0' : '0x0F'}) }
      CNT++
    }`).join('\n')}
  }`), { force: true });

/** Runs steps to the end; returns how many next() calls did not end them, and the result. */
function drive<T>(steps: Generator<void, T>): { pauses: number; value: T } {
  for (let pauses = 0; ; pauses++) {
    const r = steps.next();
    if (r.done) return { pauses, value: r.value };
  }
}

describe('loadTableInSteps', () => {
  test('loads the same namespace as loadTable, in steps of at most LOAD_STEP_STATEMENTS statements', () => {
    const whole = new Interpreter();
    whole.loadTable(manyDevices);
    const stepped = new Interpreter();
    const { pauses, value } = drive(stepped.loadTableInSteps(manyDevices));
    assert.equal(value.signature, 'DSDT');
    assert.equal(stepped.tree(), whole.tree());
    assert.equal(intOf(stepped.evaluate('\\CNT')), BigInt(DEVICES), 'module-level code ran once per device, in order');
    // Each device body is 4 statements, plus the device itself.
    assert.ok(pauses >= Math.floor((DEVICES * 5) / LOAD_STEP_STATEMENTS) - 1, `${pauses} pauses`);
  });

  test('no other AML runs until the last step; reset() abandons the load', () => {
    const i = new Interpreter();
    i.loadTable(aml(dsdt('Name (OLD0, 1)')));
    const steps = i.loadTableInSteps(manyDevices);
    steps.next();
    assertAmlError(() => i.evaluate('\\OLD0'), 'bad-argument');
    assertAmlError(() => i.loadTable(aml(dsdt('Name (OLD1, 1)'))), 'bad-argument');
    assertAmlError(() => i.runInitializers(), 'bad-argument');
    i.reset();
    assert.throws(() => steps.next(), /reset while a table was loading/);
    i.loadTable(manyDevices);
    assert.equal(intOf(i.evaluate('\\CNT')), BigInt(DEVICES));
  });

  test('bad bytes in a later scope body remove everything the table created', () => {
    const i = new Interpreter();
    i.loadTable(aml(dsdt('Name (OLD0, 1)')));
    const before = i.tree();
    const bad = manyDevices.slice();
    const at = bad.lastIndexOf(0x0d); // the last _HID's StringPrefix becomes 0x02, not an opcode
    bad[at] = 0x02;
    const e = assertAmlError(() => drive(i.loadTableInSteps(bad)), 'decode-error');
    assert.equal(e.offset, at);
    assert.equal(i.tree(), before);
    i.evaluate('\\OLD0');
  });

  test('nesting is bounded across the scope bodies decoded as they are entered', () => {
    const deep = (n: number) => 'Device (X) {'.repeat(n) + 'Name (Y, 1)' + '}'.repeat(n);
    const ok = new Interpreter();
    ok.loadTable(aml(dsdt(deep(20))));
    assert.equal(intOf(ok.evaluate('\\' + 'X.'.repeat(20) + 'Y')), 1n);
    const tooDeep = new Interpreter();
    assertAmlError(() => tooDeep.loadTable(aml(dsdt(deep(MAX_NESTING + 1)))), 'decode-error');
  });
});

describe('calls in module-level code, decoded one statement at a time', () => {
  test('a method declared before the call, at any level, is called: by the namespace, or by what the statement itself declares', () => {
    const i = new Interpreter();
    i.loadTable(aml(dsdt(`
      Method (TWIC, 1) { Return (Arg0 * 2) }
      Name (X, 0)
      X = TWIC (5)
      Device (DEV0) { Name (Y, 0)
        Y = TWIC (6) }
      Name (Z, 0)
      If (One) {
        Method (THRI, 1) { Return (Arg0 * 3) }
        Z = THRI (7)
      }`)));
    assert.deepEqual(['\\X', '\\DEV0.Y', '\\Z'].map((p) => intOf(i.evaluate(p))), [10n, 12n, 21n]);
  });
});

describe('runInitializersInSteps', () => {
  test('the same failures as runInitializers, in steps of at most INIT_STEP_DEVICES devices', () => {
    const whole = new Interpreter();
    whole.loadTable(manyDevices);
    const expected = whole.runInitializers().map((f) => `${f.path}: ${f.error.code}`);
    const stepped = new Interpreter();
    stepped.loadTable(manyDevices);
    const { pauses, value } = drive(stepped.runInitializersInSteps());
    assert.deepEqual(value.map((f) => `${f.path}: ${f.error.code}`), expected);
    assert.deepEqual(expected, ['\\_SB.D007._STA: uninitialized']);
    assert.ok(pauses >= Math.floor(DEVICES / INIT_STEP_DEVICES) - 1, `${pauses} pauses`);
  });
});
