// Named objects (src/aml/interp/ops/named.ts) other than fields and methods, and
// evaluations the host starts from inside a callback.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { integer, Interpreter } from '../../../src/aml/interp/index.ts';
import { aml, assertAmlError, dsdt, intOf, machine, run, runForced } from './helpers.ts';

describe('named objects', () => {
  test('an Alias reads and writes the object it names', () => {
    assert.equal(intOf(run('Name (INT1, 1)\nAlias (INT1, INT2)\nMethod (MAIN) { INT2 = 7 \n Return (INT1) }')), 7n);
  });

  test('an Alias of a method can be called', () => {
    assert.equal(intOf(run('Method (MTH1, 1) { Return (Arg0 * 2) }\nAlias (MTH1, MTH2)\nMethod (MAIN) { Return (MTH2 (21)) }')), 42n);
  });

  test('PowerResource, ThermalZone and Processor are scopes with their own ObjectType', () => {
    const v = run('PowerResource (PWR0, 0, 0) { Method (_STA) { Return (1) } }\nThermalZone (TZ0) { Name (_TMP, 3000) }\nProcessor (CPU0, 1, 0x810, 6) {}\n' +
      'Method (MAIN) { Return ((ObjectType (PWR0) << 8) | (ObjectType (TZ0) << 4) | ObjectType (CPU0) + \\TZ0._TMP - 3000 + \\PWR0._STA - 1) }');
    assert.equal(intOf(v), 0xbdcn);
  });

  test('a Device declared in a method exists only during the call', () => {
    const m = machine(aml(dsdt('Method (MAIN, 0, Serialized) { Device (TMPD) { Name (_ADR, 0) } \n Return (CondRefOf (\\MAIN.TMPD)) }')));
    assert.equal(intOf(m.interp.evaluate('\\MAIN')), 0xffffffffffffffffn);
    assert.equal(m.interp.exists('\\MAIN.TMPD'), false);
  });

  test('a DataTableRegion of a table the host does not have fails the load', () => {
    assertAmlError(() => machine(aml(dsdt('DataTableRegion (DTR0, "FACP", "", "")'))), 'undefined-reference');
  });

  test('a DataTableRegion reads the table the host added, and refuses writes', () => {
    const interp = new Interpreter();
    const facp = new Uint8Array(64);
    facp.set([0x46, 0x41, 0x43, 0x50, 64], 0);
    interp.addTable(facp);
    interp.loadTable(aml(dsdt('DataTableRegion (DTR0, "FACP", "", "")\nField (DTR0, AnyAcc, NoLock, Preserve) { SIG0, 32, LEN0, 32 }\nMethod (MAIN) { Return (LEN0) }\nMethod (WRIT) { SIG0 = 1 }')));
    assert.equal(intOf(interp.evaluate('\\MAIN')), 64n);
    assertAmlError(() => interp.evaluate('\\WRIT'), 'unsupported');
  });

  test('Load from a region that holds no table fails and creates nothing', () => {
    assertAmlError(() => runForced('OperationRegion (TBL0, SystemMemory, 0x1000, 0x100)\nMethod (MAIN) { Load (TBL0, Local0) }'), 'region-limit');
  });

  test('Scope of a name that does not exist fails the load', () => {
    const t = aml(dsdt('Scope (\\NOPE) { Name (X, 1) }'), { force: true });
    assertAmlError(() => machine(t), 'undefined-reference');
  });
});

describe('re-entering the interpreter from a callback', () => {
  const CPU_AML = `
    Mutex (CPLK, 0)
    Name (STAT, 0x0F)
    Scope (\\_SB) { Device (CPU1) { Name (_HID, "ACPI0007") \n Method (_STA, 0, Serialized) { Acquire (\\CPLK, 0xFFFF) \n Local0 = \\STAT \n Release (\\CPLK) \n Return (Local0) } } }
    Method (SCAN, 0, Serialized) { Acquire (CPLK, 0xFFFF) \n Notify (\\_SB.CPU1, 1) \n STAT = 0 \n Release (CPLK) }`;

  test('a notify handler may evaluate _STA while the scan holds its lock', () => {
    const m = machine(aml(dsdt(CPU_AML)));
    const seen: bigint[] = [];
    m.interp.installNotifyHandler((path) => seen.push(intOf(m.interp.evaluate(`${path}._STA`))));
    m.interp.evaluate('\\SCAN');
    assert.deepEqual(seen, [0x0fn]);
    assert.equal(intOf(m.interp.evaluate('\\_SB.CPU1._STA')), 0n);
  });

  test('a region handler may evaluate AML, and its errors reach the outer evaluation', () => {
    const m = machine(aml(dsdt('OperationRegion (RGN0, SystemIO, 0x80, 1)\nField (RGN0, ByteAcc, NoLock, Preserve) { P80, 8 }\nMethod (INNR, 1) { Return (Arg0 + 1) }\nMethod (MAIN) { Return (P80) }')));
    m.interp.installAddressSpaceHandler('SystemIO', { read: () => intOf(m.interp.evaluate('\\INNR', [integer(41)])), write: () => {} });
    assert.equal(intOf(m.interp.evaluate('\\MAIN')), 42n);
  });
});
