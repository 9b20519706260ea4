import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Device, Scope, toBytes } from '../../src/aml/encode/index.ts';
import { Interpreter, integer } from '../../src/aml/interp/index.ts';
import { buildDefinitionBlock, QEMU_OEM } from '../../src/acpi/index.ts';
import { buildCpusAml, cpuObjectName, type CpusAmlOptions } from '../../src/hotplug/aml.ts';
import { PRESENCE_ALWAYS, PRESENCE_TOGGLES } from '../../src/hotplug/presence.ts';
import { DEVICE_OP, METHOD_OP, findNamedObject } from '../peers/aml-objects.ts';

const PROCESSOR_OP = [0x5b, 0x83];
const HEADER = new Uint8Array(36); // findNamedObject skips an SDT header

function options(over: Partial<CpusAmlOptions> = {}): CpusAmlOptions {
  const n = 4;
  return {
    slots: Array.from({ length: n }, (_, i) => ({ uid: i, archId: i, mat: Uint8Array.of(0, 8, i, i, 1, 0, 0, 0), ejectable: i !== 0 })),
    presence: PRESENCE_TOGGLES,
    region: { space: 'SystemIO', base: 0x0cd8 },
    resRoot: '\\_SB.PCI0',
    eventMethod: '\\_GPE._E02',
    legacyInit: false,
    scan: 'inserts-and-removes',
    notifyDispatch: 'if-chain',
    acpi1Compatible: true,
    presentBit: false,
    ...over,
  };
}

const aml = (o: CpusAmlOptions) => Uint8Array.from([...HEADER, ...toBytes(...buildCpusAml(o))]);
const contains = (hay: Uint8Array, needle: readonly number[]) => Buffer.from(hay).indexOf(Buffer.from(needle)) >= 0;
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

describe('CPU hot-plug AML', () => {
  test('processor objects are named C000..CFFF by uid in hex', () => {
    assert.deepEqual([0, 10, 255, 4095].map(cpuObjectName), ['C000', 'C00A', 'C0FF', 'CFFF']);
  });

  test('the boot CPU gets no _EJ0 and every other CPU does', () => {
    const bytes = aml(options());
    const c0 = findNamedObject(bytes, PROCESSOR_OP, 'C000');
    const c1 = findNamedObject(bytes, PROCESSOR_OP, 'C001');
    assert.equal(contains(c0, ascii('_EJ0')), false);
    assert.equal(contains(c1, ascii('_EJ0')), true);
  });

  test('x86 CSTA starts from 0 (absent); arm64 from 0x0D (present, not enabled)', () => {
    const x86 = findNamedObject(aml(options()), METHOD_OP, 'CSTA');
    const arm = findNamedObject(aml(options({ presence: PRESENCE_ALWAYS })), METHOD_OP, 'CSTA');
    // Store (Zero, Local0) / Store (0x0D, Local0), then Store (0x0F, Local0) when CPEN
    assert.ok(contains(x86, [0x70, 0x00, 0x60]) && !contains(x86, [0x70, 0x0a, 0x0d, 0x60]));
    assert.ok(contains(arm, [0x70, 0x0a, 0x0d, 0x60]) && !contains(arm, [0x70, 0x00, 0x60]));
    for (const m of [x86, arm]) assert.ok(contains(m, [0x70, 0x0a, 0x0f, 0x60]));
  });

  test('arch ids from 255 up are Device(ACPI0007) objects with a _UID, below are Processor()', () => {
    const slots = [0, 254, 255, 300].map((archId, uid) => ({ uid, archId, mat: new Uint8Array(8), ejectable: uid !== 0 }));
    const bytes = aml(options({ slots }));
    findNamedObject(bytes, PROCESSOR_OP, 'C001');
    const dev = findNamedObject(bytes, DEVICE_OP, 'C002');
    assert.ok(contains(dev, [...ascii('_HID'), 0x0d, ...ascii('ACPI0007'), 0]));
    assert.ok(contains(dev, [...ascii('_UID'), 0x0a, 0x02]));
    assert.throws(() => findNamedObject(bytes, PROCESSOR_OP, 'C003'));
  });

  test('without ACPI 1.0 compatibility every CPU is a Device', () => {
    const bytes = aml(options({ acpi1Compatible: false }));
    findNamedObject(bytes, DEVICE_OP, 'C000');
    assert.throws(() => findNamedObject(bytes, PROCESSOR_OP, 'C000'));
  });

  test('_PXM appears only for slots with a NUMA node', () => {
    const slots = options().slots.map((s, i) => (i === 2 ? { ...s, numaNode: 1 } : s));
    const bytes = aml(options({ slots }));
    assert.ok(contains(findNamedObject(bytes, PROCESSOR_OP, 'C002'), [0x08, ...ascii('_PXM'), 0x01]));
    assert.equal(contains(findNamedObject(bytes, PROCESSOR_OP, 'C001'), ascii('_PXM')), false);
  });

  test('the 7.2 scan collects only inserts; the current one collects removes in CEJL too', () => {
    const old = findNamedObject(aml(options({ scan: 'inserts' })), METHOD_OP, 'CSCN');
    const now = findNamedObject(aml(options()), METHOD_OP, 'CSCN');
    assert.equal(contains(old, ascii('CEJL')), false);
    assert.ok(contains(now, ascii('CEJL')));
    // 7.2 nests the remove check in an Else; the current scan has no Else at all.
    assert.ok(contains(old, [0xa1]));
  });

  test('_INI is emitted only for the legacy (7.2) block', () => {
    assert.ok(contains(aml(options({ legacyInit: true })), ascii('_INI')));
    assert.equal(contains(aml(options()), ascii('_INI')), false);
  });

  test('an MMIO block gets Memory32Fixed and a SystemMemory region', () => {
    const bytes = aml(options({ region: { space: 'SystemMemory', base: 0x090c0000 }, resRoot: '\\_SB', eventMethod: '\\_SB.GED.CSCN' }));
    const pres = findNamedObject(bytes, DEVICE_OP, '\\_SB.PRES');
    assert.ok(contains(pres, [0x86, 0x09, 0x00, 0x01, 0x00, 0x00, 0x0c, 0x09, 0x0c, 0, 0, 0]));
    assert.ok(contains(pres, [0x5b, 0x80, ...ascii('PRST'), 0x00, 0x0c, 0x00, 0x00, 0x0c, 0x09, 0x0a, 0x0c]));
    findNamedObject(bytes, METHOD_OP, '\\_SB.GED.CSCN');
  });

  test('the CTFY if-chain and the scan bound cover every slot', () => {
    const n = 300;
    const slots = Array.from({ length: n }, (_, i) => ({ uid: i, archId: i, mat: new Uint8Array(8), ejectable: i > 0 }));
    const bytes = aml(options({ slots }));
    const ctfy = findNamedObject(bytes, METHOD_OP, 'CTFY');
    assert.ok(contains(ctfy, [...ascii('C12B'), 0x69])); // Notify (C12B, Arg1)
    assert.ok(contains(findNamedObject(bytes, METHOD_OP, 'CSCN'), [0x95, 0x63, 0x0b, 0x2c, 0x01])); // Local3 < 300
  });

  test('slot counts outside 1..4096 are refused', () => {
    assert.throws(() => buildCpusAml(options({ slots: [] })), RangeError);
    const many = Array.from({ length: 4097 }, (_, i) => ({ uid: i, archId: i, mat: new Uint8Array(8), ejectable: true }));
    assert.throws(() => buildCpusAml(options({ slots: many })), /1\.\.4096/);
  });
});

describe('CTFY dispatch', () => {
  for (const n of [1, 8, 9, 300, 4096]) {
    test(`binary dispatch over ${n} slots notifies exactly the named CPU, and nothing out of range`, () => {
      const slots = Array.from({ length: n }, (_, i) => ({ uid: i, archId: i, mat: new Uint8Array(8), ejectable: i > 0 }));
      const interp = new Interpreter();
      interp.loadTable(buildDefinitionBlock({
        signature: 'DSDT', revision: 2, oem: QEMU_OEM,
        body: [new Scope('\\_SB', [new Device('PCI0', [])]), new Scope('\\_GPE', []), ...buildCpusAml(options({ slots, notifyDispatch: 'binary' }))],
      }));
      const seen: string[] = [];
      interp.installNotifyHandler((path, value) => seen.push(`${path} ${value}`));
      for (let uid = 0; uid <= n; uid++) interp.evaluate('\\_SB.CPUS.CTFY', [integer(uid), integer(3)]);
      assert.deepEqual(seen, slots.map((s) => `\\_SB.CPUS.${cpuObjectName(s.uid)} 3`));
    });
  }

  test('binary dispatch is a nested If/Else search, QEMU 7.2 form a flat If per slot', () => {
    const slots = Array.from({ length: 64 }, (_, i) => ({ uid: i, archId: i, mat: new Uint8Array(8), ejectable: i > 0 }));
    const flat = findNamedObject(aml(options({ slots })), METHOD_OP, 'CTFY');
    const tree = findNamedObject(aml(options({ slots, notifyDispatch: 'binary' })), METHOD_OP, 'CTFY');
    const count = (b: Uint8Array, op: number) => [...b].filter((x) => x === op).length;
    assert.equal(count(flat, 0xa1), 0, 'no Else in the chain');
    assert.ok(count(tree, 0xa1) >= 7, 'Else branches in the search');
    // Still one Notify per slot.
    assert.equal(count(flat, 0x86), 64);
    assert.equal(count(tree, 0x86), 64);
  });
});
