// The public API (src/aml/interp/index.ts): evaluate, exists, tree,
// runInitializers, and the checks on what the host passes in.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AmlError, Interpreter, integer, string, buffer, pkg, OSI_SUPPORTED, type AmlValue } from '../../../src/aml/interp/index.ts';
import { aml, assertAmlError, dsdt, intOf, machine } from './helpers.ts';

describe('evaluate', () => {
  test('a data object gives its value', () => {
    assert.deepEqual(machine(aml(dsdt('Name (STR0, "x")'))).interp.evaluate('\\STR0'), { kind: 'string', value: 'x' });
  });

  test('paths may use four-character segments or trimmed ones', () => {
    const m = machine(aml(dsdt('Scope (\\_SB) { Name (VAL0, 1) }')));
    assert.deepEqual([intOf(m.interp.evaluate('\\_SB_.VAL0')), intOf(m.interp.evaluate('\\_SB.VAL0'))], [1n, 1n]);
  });

  test('a method with no Return gives undefined', () => {
    assert.equal(machine(aml(dsdt('Method (MAIN) { Noop }'))).interp.evaluate('\\MAIN'), undefined);
  });

  test('a Device gives a reference to it', () => {
    const v = machine(aml(dsdt('Device (DEV0) { Name (_ADR, 0) }'))).interp.evaluate('\\DEV0');
    assert.equal(v?.kind === 'reference' && v.to === 'node' && v.node.path, '\\DEV0');
  });

  test('a missing path is undefined-reference', () => {
    assertAmlError(() => new Interpreter().evaluate('\\NOPE'), 'undefined-reference');
  });

  test('an argument that is not an AmlValue is bad-argument', () => {
    const m = machine(aml(dsdt('Method (MAIN, 1) { Return (Arg0) }')));
    assertAmlError(() => m.interp.evaluate('\\MAIN', [{ kind: 'integer', value: 5 } as unknown as AmlValue]), 'bad-argument');
  });

  test('integer() refuses values outside 64 bits', () => {
    assertAmlError(() => integer(-1), 'bad-argument');
  });

  test('the result is a copy: changing it does not change the AML object', () => {
    const m = machine(aml(dsdt('Name (BUF0, Buffer () {1, 2})')));
    const v = m.interp.evaluate('\\BUF0') as { value: Uint8Array };
    v.value[0] = 9;
    assert.deepEqual([...(m.interp.evaluate('\\BUF0') as { value: Uint8Array }).value], [1, 2]);
  });

  test('arguments are copies: the method cannot change the host\'s buffer', () => {
    const m = machine(aml(dsdt('Method (MAIN, 1) { Arg0 [0] = 9 }')));
    const b = buffer([1, 2]);
    m.interp.evaluate('\\MAIN', [b]);
    assert.equal(b.value[0], 1);
  });

  test('String, Buffer and Package arguments', () => {
    const m = machine(aml(dsdt('Method (MAIN, 3) { Return (SizeOf (Arg0) + SizeOf (Arg1) + SizeOf (Arg2)) }')));
    assert.equal(intOf(m.interp.evaluate('\\MAIN', [string('abc'), buffer([1, 2]), pkg([integer(1)])])), 6n);
  });

  test('\\_OSI answers the Windows strings ACPICA supports, and not "Linux"', () => {
    const m = machine(aml(dsdt('Method (MAIN, 1) { Return (\\_OSI (Arg0)) }')));
    assert.ok(OSI_SUPPORTED.has('Windows 2015'));
    assert.deepEqual([intOf(m.interp.evaluate('\\MAIN', [string('Windows 2015')])), intOf(m.interp.evaluate('\\MAIN', [string('Linux')]))], [0xffffffffffffffffn, 0n]);
  });
});

describe('namespace queries', () => {
  test('exists is false for an invalid path', () => {
    assert.equal(new Interpreter().exists('\\not a path'), false);
  });

  test('the predefined scopes exist', () => {
    const i = new Interpreter();
    assert.deepEqual(['\\_SB', '\\_GPE', '\\_PR', '\\_TZ', '\\_SI', '\\_OSI', '\\_REV', '\\_GL'].map((p) => i.exists(p)), new Array(8).fill(true));
  });

  test('tree lists each object with its type and detail, indented by depth', () => {
    const i = new Interpreter();
    i.loadTable(aml(dsdt('Scope (\\_SB) { Device (PCI0) { Name (_UID, 0) \n Method (MTH0, 2, Serialized) {} \n OperationRegion (RGN0, SystemIO, 0xCD8, 0x0C) } }')));
    const t = i.tree();
    assert.match(t, /^ {2}_SB_ Device\n {4}PCI0 Device\n {6}_UID Integer = 0x0\n {6}MTH0 Method \(2 args, Serialized, SyncLevel 0\)\n {6}RGN0 OperationRegion SystemIO 0xCD8 length 0xC$/m);
  });
});

describe('objects', () => {
  test('lists every named object parents first, with Processor ids', () => {
    const i = new Interpreter();
    i.loadTable(aml(dsdt('Scope (\\_SB) { Device (CPUS) { Name (_HID, "ACPI0010") \n Processor (C001, 1, 0, 0) {} } }')));
    const mine = i.objects().filter((o) => o.path.startsWith('\\_SB.CPUS'));
    assert.deepEqual(mine, [
      { path: '\\_SB.CPUS', kind: 'device' },
      { path: '\\_SB.CPUS._HID', kind: 'string' },
      { path: '\\_SB.CPUS.C001', kind: 'processor', processorId: 1 },
    ]);
  });
});

describe('runInitializers', () => {
  const BODY = `
    Name (ORDR, Package (4) {})
    Name (CNT0, 0)
    Method (NOTE, 1) { ORDR [CNT0] = Arg0 \n CNT0++ }
    Device (DEVA) { Name (_ADR, 0) \n Method (_INI) { NOTE (1) } \n Device (SUBA) { Name (_ADR, 0) \n Method (_INI) { NOTE (2) } } }
    Device (DEVB) { Name (_ADR, 0) \n Name (_STA, 0) \n Method (_INI) { NOTE (3) } \n Device (SUBB) { Name (_ADR, 0) \n Method (_INI) { NOTE (4) } } }
    Device (DEVC) { Name (_ADR, 0) \n Name (_STA, 0x08) \n Method (_INI) { NOTE (5) } \n Device (SUBC) { Name (_ADR, 0) \n Method (_INI) { NOTE (6) } } }`;

  test('runs _INI depth first, skips devices that are absent, and enters functioning ones', () => {
    const m = machine(aml(dsdt(BODY)));
    assert.deepEqual(m.interp.runInitializers(), []);
    const order = m.interp.evaluate('\\ORDR');
    assert.deepEqual(order?.kind === 'package' && order.elements.filter((e) => e.kind === 'integer').map(intOf), [1n, 2n, 6n]);
  });

  test('collects a failing _INI and goes on', () => {
    const m = machine(aml(dsdt('Device (DEV0) { Name (_ADR, 0) \n Method (_INI) { Local1 = 0 \n Local0 = 1 / Local1 } }\nName (DONE, 0)\nDevice (DEV1) { Name (_ADR, 0) \n Method (_INI) { DONE = 1 } }')));
    const failures = m.interp.runInitializers();
    assert.deepEqual(failures.map((f) => [f.path, f.error.code]), [['\\DEV0._INI', 'divide-by-zero']]);
    assert.equal(intOf(m.interp.evaluate('\\DONE')), 1n);
  });
});

describe('reset', () => {
  test('drops the tables and handlers, keeping the limits', () => {
    const m = machine(aml(dsdt('Name (VAL0, 1)\nMethod (MAIN) { While (One) {} }')), { limits: { loopIterations: 10 } });
    m.interp.reset();
    assert.deepEqual([m.interp.exists('\\VAL0'), m.interp.exists('\\_SB')], [false, true]);
    m.interp.loadTable(aml(dsdt('Name (VAL0, 1)\nMethod (MAIN) { While (One) {} }')));
    assertAmlError(() => m.interp.evaluate('\\MAIN'), 'loop-timeout');
  });
});

describe('_OSI list from the host, and _REG when handlers come', () => {
  const OSI = 'Method (MAIN, 1) { Return (\\_OSI (Arg0)) }';
  test('changes in acpi_osi= spelling add, remove, or clear the list', () => {
    const ask = (osi: string[], s: string) => intOf(new Machine(osi).evaluate('\\MAIN', [string(s)]));
    assert.equal(ask(['Linux'], 'Linux'), 0xffffffffffffffffn);
    assert.equal(ask(['!Windows 2015'], 'Windows 2015'), 0n);
    assert.equal(ask(['!', 'Windows 2015'], 'Windows 2015'), 0xffffffffffffffffn);
    assert.equal(ask(['!', 'Windows 2015'], 'Windows 2009'), 0n);
  });

  test('a bad change is refused before anything is built', () => {
    for (const bad of [[''], ['x'.repeat(100)], ['caf\u00e9'], new Array(300).fill('a')]) {
      assert.throws(() => new Interpreter({ osi: bad }), (e: unknown) => e instanceof AmlError && e.code === 'bad-argument');
    }
  });

  test('_OSI of a non-String is a type mismatch', () => {
    assertAmlError(() => new Machine([]).evaluate('\\MAIN', [integer(1)]), 'type-mismatch');
  });

  test('a handler installed after initialisation runs the _REG of its regions then', () => {
    const interp = new Interpreter();
    interp.loadTable(aml(dsdt('Name (REGA, 0)\nDevice (EC0) { Name (_HID, "PNP0C09")\nOperationRegion (ECOR, EmbeddedControl, 0, 16)\nMethod (_REG, 2) { REGA = (Arg0 << 8) | Arg1 } }')));
    assert.deepEqual(interp.runInitializers(), []);
    assert.equal(intOf(interp.evaluate('\\REGA')), 0n);
    assert.deepEqual(interp.installAddressSpaceHandler('EmbeddedControl', { read: () => 0n, write: () => undefined }), []);
    assert.equal(intOf(interp.evaluate('\\REGA')), 0x301n);
  });

  class Machine {
    private readonly interp: Interpreter;
    constructor(osi: string[]) {
      this.interp = new Interpreter({ osi });
      this.interp.loadTable(aml(dsdt(OSI)));
    }
    evaluate(path: string, args: AmlValue[]) {
      return this.interp.evaluate(path, args);
    }
  }
});
