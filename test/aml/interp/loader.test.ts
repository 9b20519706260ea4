// Loading tables (src/aml/interp/loader.ts): decode errors change nothing, a
// failure in module-level code rolls the table back, the DSDT revision sets the
// integer width, SSDTs see the DSDT's methods, duplicates are warnings.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Interpreter } from '../../../src/aml/interp/index.ts';
import { MAX_HOST_TABLES } from '../../../src/aml/interp/limits.ts';
import { aml, assertAmlError, dsdt, intOf, machine, run } from './helpers.ts';

const ssdt = (body: string) => `DefinitionBlock ("", "SSDT", 2, "CPUHP", "TEST", 1)\n{\n${body}\n}\n`;

describe('loadTable', () => {
  test('malformed bytes outside method bodies throw decode-error with the offset and leave the namespace as it was', () => {
    const i = new Interpreter();
    i.loadTable(aml(dsdt('Name (OLD0, 1)')));
    const before = i.tree();
    const bad = aml(ssdt('Name (NEW0, 1)\nMethod (MAIN) { Return (2) }\nName (NEW1, 0x1234)')).slice();
    bad[bad.length - 3] = 0x02; // NEW1's WordPrefix becomes 0x02, not an opcode
    const e = assertAmlError(() => i.loadTable(bad), 'decode-error');
    assert.equal(e.offset, bad.length - 3);
    assert.equal(i.tree(), before);
    assert.equal(i.exists('\\NEW0'), false);
  });

  test("a method body's malformed bytes are found when it first runs, as ACPICA parses methods on execution", () => {
    const i = new Interpreter();
    const bad = aml(ssdt('Name (NEW0, 1)\nMethod (MAIN) { Return (2) }\nMethod (GOOD) { Return (3) }')).slice();
    const at = bad.indexOf(0xa4); // MAIN's ReturnOp becomes 0x02, not an opcode
    bad[at] = 0x02;
    i.loadTable(bad);
    assert.equal(i.exists('\\NEW0'), true);
    const e = assertAmlError(() => i.evaluate('\\MAIN'), 'decode-error');
    assert.equal(e.offset, at);
    assertAmlError(() => i.evaluate('\\MAIN'), 'decode-error');
    assert.equal(intOf(i.evaluate('\\GOOD')), 3n);
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

describe('tables loaded at run time: bounds and misuse', () => {
  const SSDT = (n: number) => aml(`DefinitionBlock ("", "SSDT", 2, "CPUHP", "T${n}", 1) { Name (V${n}, ${n}) }`);

  test('the host list holds at most MAX_HOST_TABLES tables; the same bytes twice are one entry', () => {
    const interp = new Interpreter();
    const t = new Uint8Array(36);
    t.set([0x4f, 0x45, 0x4d, 0x31, 36]);
    interp.addTable(t);
    interp.addTable(t);
    for (let i = 1; i < MAX_HOST_TABLES; i++) {
      const u = t.slice();
      u[35] = i & 0xff;
      u[34] = i >> 8;
      interp.addTable(u);
    }
    const over = t.slice();
    over[33] = 1;
    assertAmlError(() => interp.addTable(over), 'table-too-large');
  });

  test('Load refuses a table over limits.tableBytes, and Unload of a table already unloaded', () => {
    const small = new Interpreter({ limits: { tableBytes: 200 } });
    small.loadTable(aml(dsdt('Name (TBL0, Buffer (300) { 0x53, 0x53, 0x44, 0x54, 0x2c, 0x01 })\nMethod (MAIN) { Load (TBL0, Local0) }')));
    assertAmlError(() => small.evaluate('\\MAIN'), 'table-too-large');
    const interp = new Interpreter();
    interp.addTable(SSDT(1));
    interp.loadTable(aml(dsdt('Method (MAIN) { Local0 = LoadTable ("SSDT", "CPUHP", "T1", "", "", 0) \n Unload (Local0) \n Unload (Local0) }')));
    assertAmlError(() => interp.evaluate('\\MAIN'), 'bad-argument');
  });

  test('LoadTable with a signature that is not 4 characters, or a root path that does not exist, fails', () => {
    const interp = new Interpreter();
    interp.addTable(SSDT(2));
    interp.loadTable(aml(dsdt('Method (BADS) { LoadTable ("SSD", "", "", "", "", 0) }\nMethod (BADR) { LoadTable ("SSDT", "CPUHP", "T2", "\\\\NOPE", "", 0) }')));
    assertAmlError(() => interp.evaluate('\\BADS'), 'bad-argument');
    assertAmlError(() => interp.evaluate('\\BADR'), 'undefined-reference');
    assert.equal(interp.exists('\\V2'), false, 'a failed LoadTable created nothing');
  });

  test('Unload of something that is not a DDBHandle is a type mismatch', () => {
    assertAmlError(() => run('Method (MAIN) { Local0 = 1 \n Unload (Local0) }'), 'type-mismatch');
  });
});

describe('a table that loads itself', () => {
  test('LoadTable of the table being loaded fails with already-exists instead of recursing', () => {
    const interp = new Interpreter();
    interp.addTable(aml('DefinitionBlock ("", "OEM1", 2, "CPUHP", "SELF", 1) { Name (SELV, 1)\nLoadTable ("OEM1", "CPUHP", "SELF", "", "", 0) }', { force: true }));
    interp.loadTable(aml(dsdt('Method (MAIN) { LoadTable ("OEM1", "CPUHP", "SELF", "", "", 0) }')));
    assertAmlError(() => interp.evaluate('\\MAIN'), 'already-exists');
    assert.equal(interp.exists('\\SELV'), false, 'the failed load left nothing behind');
  });
});
