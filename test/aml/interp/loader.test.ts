// Loading tables (src/aml/interp/loader.ts): decode errors change nothing, a
// failure in module-level code rolls the table back, the DSDT revision sets the
// integer width, SSDTs see the DSDT's methods, duplicates are warnings.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Interpreter } from '../../../src/aml/interp/index.ts';
import { aml, assertAmlError, dsdt, intOf, machine } from './helpers.ts';

const ssdt = (body: string) => `DefinitionBlock ("", "SSDT", 2, "CPUHP", "TEST", 1)\n{\n${body}\n}\n`;

describe('loadTable', () => {
  test('malformed bytes throw decode-error with the offset and leave the namespace as it was', () => {
    const i = new Interpreter();
    i.loadTable(aml(dsdt('Name (OLD0, 1)')));
    const before = i.tree();
    const bad = aml(ssdt('Name (NEW0, 1)\nMethod (MAIN) { Return (2) }')).slice();
    bad[bad.length - 3] = 0x02; // inside MAIN's body: ReturnOp becomes 0x02, not an opcode
    const e = assertAmlError(() => i.loadTable(bad), 'decode-error');
    assert.equal(e.offset, bad.length - 3);
    assert.equal(i.tree(), before);
    assert.equal(i.exists('\\NEW0'), false);
  });

  test('an error in module-level code removes everything the table created', () => {
    const i = new Interpreter();
    const t = aml(ssdt('Name (NEW0, 1)\nDevice (DEV0) { Name (_ADR, 0) }\nIf (\\NOPE) { Name (NEW1, 2) }'), { force: true });
    assertAmlError(() => i.loadTable(t), 'undefined-reference');
    assert.deepEqual(['\\NEW0', '\\DEV0'].map((p) => i.exists(p)), [false, false]);
  });

  test('module-level code runs in table order while loading', () => {
    const i = new Interpreter();
    i.loadTable(aml(dsdt('Name (FLAG, 0)\nIf (FLAG == 0) { Name (WASZ, 1) }\nFLAG = 5')));
    assert.deepEqual([i.exists('\\WASZ'), intOf(i.evaluate('\\FLAG'))], [true, 5n]);
  });

  test('a revision 1 DSDT makes integers 32 bits wide', () => {
    const i = new Interpreter();
    i.loadTable(aml(dsdt('Name (X, 1)', 1)));
    assert.equal(i.integerWidth, 32);
  });

  test('an SSDT calls a DSDT method with the right number of arguments', () => {
    const m = machine([aml(dsdt('Method (ADD2, 2) { Return (Arg0 + Arg1) }')),
      aml(ssdt('External (\\ADD2, MethodObj)\nMethod (MAIN) { Return (\\ADD2 (40, 2) + 0) }'))]);
    assert.equal(intOf(m.interp.evaluate('\\MAIN')), 42n);
  });

  test('a name declared twice keeps the first declaration and records a warning', () => {
    const i = new Interpreter();
    i.loadTable(aml(dsdt('Name (DUP0, 1)')));
    i.loadTable(aml(ssdt('Name (DUP0, 2)')));
    assert.equal(intOf(i.evaluate('\\DUP0')), 1n);
    assert.match(i.warnings.join('\n'), /\\DUP0 is declared again/);
  });

  test('Scope into a device adds to it', () => {
    const m = machine([aml(dsdt('Device (DEV0) { Name (_ADR, 0) }')), aml(ssdt('External (\\DEV0, DeviceObj)\nScope (\\DEV0) { Name (VAL0, 3) }'))]);
    assert.equal(intOf(m.interp.evaluate('\\DEV0.VAL0')), 3n);
  });

  test('a Field placed in another scope than its region (QEMU\'s PRQA in \\_SB)', () => {
    const body = 'Scope (\\_SB) { Device (PCI0) { Name (_ADR, 0) \n Device (SF8) { Name (_ADR, 0) \n OperationRegion (PIRQ, SystemIO, 0x60, 4) \n Scope (\\_SB) { Field (PCI0.SF8.PIRQ, ByteAcc, NoLock, Preserve) { PRQA, 8 } } } } }';
    const m = machine(aml(dsdt(body)));
    m.io.bytes.set(0x60n, 0x0b);
    assert.equal(intOf(m.interp.evaluate('\\_SB.PRQA')), 0x0bn);
  });

  test('a method defined later in the table than its caller works', () => {
    const m = machine(aml(dsdt('Method (MAIN) { Return (LATE ()) }\nMethod (LATE) { Return (9) }')));
    assert.equal(intOf(m.interp.evaluate('\\MAIN')), 9n);
  });
});
