// Field units over operation regions (src/aml/interp/field-io.ts, opregion.ts):
// access widths, splitting at access-width boundaries, the update rules, index and
// bank fields, region limits, and the trace every access leaves.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Interpreter, integer } from '../../../src/aml/interp/index.ts';
import { accessLines, aml, assertAmlError, dsdt, intOf, machine } from './helpers.ts';

/** A DSDT with one region at 0x100 (SystemIO) of 16 bytes and the given fields. */
const withFields = (fields: string, methods: string, force = false) =>
  machine(aml(dsdt(`OperationRegion (RGN0, SystemIO, 0x100, 16)\n${fields}\n${methods}`), { force }));

describe('access width', () => {
  test('QEMU\'s CINS = One is one byte write of 0x02 at base + 4 (ByteAcc, WriteAsZeros)', () => {
    const m = withFields('Field (RGN0, ByteAcc, NoLock, WriteAsZeros) { Offset (4), CPEN, 1, CINS, 1, CRMV, 1 }', 'Method (MAIN) { CINS = One }');
    m.io.bytes.set(0x104n, 0xff);
    m.interp.evaluate('\\MAIN');
    assert.deepEqual(accessLines(m.accesses), ['W SystemIO 0x104 8 0x2']);
  });

  test('a DWordAcc field at offset 0 is one 32-bit access', () => {
    const m = withFields('Field (RGN0, DWordAcc, NoLock, Preserve) { CSEL, 32 }', 'Method (MAIN) { CSEL = 0x12345678 \n Return (CSEL) }');
    assert.equal(intOf(m.interp.evaluate('\\MAIN')), 0x12345678n);
    assert.deepEqual(accessLines(m.accesses), ['W SystemIO 0x100 32 0x12345678', 'R SystemIO 0x100 32 0x12345678']);
  });

  test('a field crossing a WordAcc boundary is read as two words', () => {
    const m = withFields('Field (RGN0, WordAcc, NoLock, Preserve) { Offset (1), , 4, FLD0, 8 }', 'Method (MAIN) { Return (FLD0) }');
    m.io.write(0x100n, 32, 0xabcd1234n);
    assert.equal(intOf(m.interp.evaluate('\\MAIN')), 0xd1n);
    assert.deepEqual(accessLines(m.accesses), ['R SystemIO 0x100 16 0x1234', 'R SystemIO 0x102 16 0xabcd']);
  });

  test('AnyAcc accesses bytes, as ACPICA does', () => {
    const m = withFields('Field (RGN0, AnyAcc, NoLock, Preserve) { Offset (1), FLD0, 16 }', 'Method (MAIN) { FLD0 = 0x1234 }');
    m.interp.evaluate('\\MAIN');
    assert.deepEqual(accessLines(m.accesses), ['W SystemIO 0x101 8 0x34', 'W SystemIO 0x102 8 0x12']);
  });

  test('QWordAcc is one 64-bit access', () => {
    const m = withFields('Field (RGN0, QWordAcc, NoLock, Preserve) { Offset (8), FLD0, 64 }', 'Method (MAIN) { FLD0 = 0x1122334455667788 }');
    m.interp.evaluate('\\MAIN');
    assert.deepEqual(accessLines(m.accesses), ['W SystemIO 0x108 64 0x1122334455667788']);
  });

  test('a field wider than an Integer reads as a Buffer', () => {
    const m = withFields('Field (RGN0, ByteAcc, NoLock, Preserve) { FLD0, 72 }', 'Method (MAIN) { Return (FLD0) }');
    const v = m.interp.evaluate('\\MAIN');
    assert.deepEqual(v?.kind === 'buffer' && v.value.length, 9);
  });

  test('AccessAs changes the width of the fields after it', () => {
    const m = withFields('Field (RGN0, ByteAcc, NoLock, Preserve) { FLD0, 8, AccessAs (DWordAcc), Offset (4), FLD1, 32 }', 'Method (MAIN) { FLD1 = 1 }');
    m.interp.evaluate('\\MAIN');
    assert.deepEqual(accessLines(m.accesses), ['W SystemIO 0x104 32 0x1']);
  });
});

describe('update rules', () => {
  test('Preserve reads the datum back and keeps the other bits', () => {
    const m = withFields('Field (RGN0, ByteAcc, NoLock, Preserve) { , 2, FLD0, 3 }', 'Method (MAIN) { FLD0 = 7 }');
    m.io.bytes.set(0x100n, 0x81);
    m.interp.evaluate('\\MAIN');
    assert.deepEqual(accessLines(m.accesses), ['R SystemIO 0x100 8 0x81', 'W SystemIO 0x100 8 0x9d']);
  });

  test('WriteAsOnes sets the bits outside the field', () => {
    const m = withFields('Field (RGN0, ByteAcc, NoLock, WriteAsOnes) { , 2, FLD0, 3 }', 'Method (MAIN) { FLD0 = 0 }');
    m.interp.evaluate('\\MAIN');
    assert.deepEqual(accessLines(m.accesses), ['W SystemIO 0x100 8 0xe3']);
  });

  test('WriteAsZeros on a field of whole datums needs no read', () => {
    const m = withFields('Field (RGN0, DWordAcc, NoLock, WriteAsZeros) { FLD0, 64 }', 'Method (MAIN) { FLD0 = 0x1122334455667788 }');
    m.interp.evaluate('\\MAIN');
    assert.deepEqual(accessLines(m.accesses), ['W SystemIO 0x100 32 0x55667788', 'W SystemIO 0x104 32 0x11223344']);
  });

  test('a write splits at the access width and applies the rule to the partial datums only', () => {
    const m = withFields('Field (RGN0, WordAcc, NoLock, Preserve) { , 8, FLD0, 16 }', 'Method (MAIN) { FLD0 = 0xBBAA }');
    m.interp.evaluate('\\MAIN');
    assert.deepEqual(accessLines(m.accesses), [
      'R SystemIO 0x100 16 0x0', 'W SystemIO 0x100 16 0xaa00', 'R SystemIO 0x102 16 0x0', 'W SystemIO 0x102 16 0xbb',
    ]);
  });
});

describe('index and bank fields', () => {
  test('an IndexField writes the datum offset to the index register, then accesses the data register', () => {
    const m = withFields(
      'Field (RGN0, ByteAcc, NoLock, Preserve) { IDX0, 8, DAT0, 8 }\nIndexField (IDX0, DAT0, ByteAcc, NoLock, Preserve) { Offset (2), IF0, 8 }',
      'Method (MAIN) { IF0 = 0x5A }');
    m.interp.evaluate('\\MAIN');
    assert.deepEqual(accessLines(m.accesses), ['W SystemIO 0x100 8 0x2', 'W SystemIO 0x101 8 0x5a']);
  });

  test('a BankField selects its bank before each access', () => {
    const m = withFields(
      'Field (RGN0, ByteAcc, NoLock, Preserve) { , 24, BNK0, 8 }\nBankField (RGN0, BNK0, 3, ByteAcc, NoLock, Preserve) { Offset (8), BF0, 8 }',
      'Method (MAIN) { Return (BF0) }');
    m.interp.evaluate('\\MAIN');
    assert.deepEqual(accessLines(m.accesses), ['W SystemIO 0x103 8 0x3', 'R SystemIO 0x108 8 0x0']);
  });
});

describe('regions and handlers', () => {
  test('an access past the end of the region is region-limit', () => {
    const m = withFields('Field (RGN0, DWordAcc, NoLock, Preserve) { Offset (13), FLD0, 32 }', 'Method (MAIN) { Return (FLD0) }', true);
    assertAmlError(() => m.interp.evaluate('\\MAIN'), 'region-limit');
    assert.deepEqual(accessLines(m.accesses), ['R SystemIO 0x10c 32 0x0']);
  });

  test('an address space with no handler is no-handler', () => {
    const i = new Interpreter();
    i.loadTable(aml(dsdt('OperationRegion (RGN0, SystemIO, 0x100, 16)\nField (RGN0, ByteAcc, NoLock, Preserve) { FLD0, 8 }\nMethod (MAIN) { Return (FLD0) }')));
    assertAmlError(() => i.evaluate('\\MAIN'), 'no-handler');
  });

  test('a handler that throws becomes handler-error with the cause attached', () => {
    const i = new Interpreter();
    i.loadTable(aml(dsdt('OperationRegion (RGN0, SystemIO, 0x100, 16)\nField (RGN0, ByteAcc, NoLock, Preserve) { FLD0, 8 }\nMethod (MAIN) { Return (FLD0) }')));
    const boom = new Error('device gone');
    i.installAddressSpaceHandler('SystemIO', { read: () => { throw boom; }, write: () => {} });
    const e = assertAmlError(() => i.evaluate('\\MAIN'), 'handler-error');
    assert.equal(e.cause, boom);
  });

  test('a read handler value wider than the access is cut to the access width', () => {
    const i = new Interpreter();
    i.loadTable(aml(dsdt('OperationRegion (RGN0, SystemIO, 0x100, 16)\nField (RGN0, ByteAcc, NoLock, Preserve) { FLD0, 8 }\nMethod (MAIN) { Return (FLD0) }')));
    i.installAddressSpaceHandler('SystemIO', { read: () => 0x1234n, write: () => {} });
    assert.equal(intOf(i.evaluate('\\MAIN')), 0x34n);
  });

  test('trace observers see every access and can unsubscribe', () => {
    const m = withFields('Field (RGN0, ByteAcc, NoLock, Preserve) { FLD0, 8 }', 'Method (MAIN, 1) { FLD0 = Arg0 }');
    const seen: bigint[] = [];
    const stop = m.interp.onTrace((e) => seen.push(e.value));
    m.interp.evaluate('\\MAIN', [integer(1)]);
    stop();
    m.interp.evaluate('\\MAIN', [integer(2)]);
    assert.deepEqual(seen, [1n]);
    assert.equal(m.accesses.length, 2);
  });

  test('a trace event names its region', () => {
    const m = withFields('Field (RGN0, ByteAcc, NoLock, Preserve) { FLD0, 8 }', 'Method (MAIN) { FLD0 = 1 }');
    m.interp.evaluate('\\MAIN');
    assert.equal(m.accesses[0]?.region, '\\RGN0');
  });

  test('a PCI_Config handler is told the function from _ADR', () => {
    const i = new Interpreter();
    i.loadTable(aml(dsdt(`Device (PCI0) { Name (_HID, EisaId ("PNP0A03")) \n Name (_BBN, 0)
      Device (SF8) { Name (_ADR, 0x001F0000) \n OperationRegion (PIRQ, PCI_Config, 0x60, 0x0C)
        Field (PIRQ, ByteAcc, NoLock, Preserve) { PRQA, 8 } } }
      Method (MAIN) { Return (\\PCI0.SF8.PRQA) }`)));
    let info: unknown;
    i.installAddressSpaceHandler('PCI_Config', { read: (_a, _w, inf) => { info = inf.pci; return 0x0bn; }, write: () => {} });
    assert.equal(intOf(i.evaluate('\\MAIN')), 0x0bn);
    assert.deepEqual(info, { segment: 0, bus: 0, device: 0x1f, function: 0 });
  });
});

describe('buffer fields', () => {
  test('CreateField makes a Buffer whatever its size; CreateDWordField an Integer', () => {
    const a = machine(aml(dsdt('Name (BUF0, Buffer (8) {1, 2, 3, 4})\nMethod (MAIN) { CreateField (BUF0, 0, 32, CF1) \n Return (CF1) }'))).interp.evaluate('\\MAIN');
    const b = machine(aml(dsdt('Name (BUF0, Buffer (8) {1, 2, 3, 4})\nMethod (MAIN) { CreateDWordField (BUF0, 0, CF2) \n Return (CF2) }'))).interp.evaluate('\\MAIN');
    assert.deepEqual([a?.kind, b?.kind], ['buffer', 'integer']);
  });

  test('a write to a bit field changes only that bit of the buffer', () => {
    const m = machine(aml(dsdt('Name (BUF0, Buffer (1) {0x80})\nMethod (MAIN) { CreateBitField (BUF0, 3, BT3) \n BT3 = 1 \n Return (BUF0) }')));
    const v = m.interp.evaluate('\\MAIN');
    assert.deepEqual(v?.kind === 'buffer' && [...v.value], [0x88]);
  });

  test('a field beyond the end of its buffer is buffer-limit', () => {
    const m = machine(aml(dsdt('Method (MAIN) { Local0 = Buffer (2) {} \n CreateDWordField (Local0, 0, XX) }'), { force: true }));
    assertAmlError(() => m.interp.evaluate('\\MAIN'), 'buffer-limit');
  });
});

describe('wide fields', () => {
  test('a 100-bit field at bit 3 is written and read back through WordAcc datums, as acpiexec does', () => {
    const m = machine(aml(dsdt(`OperationRegion (RAM0, SystemMemory, 0x3000, 0x40)
      Field (RAM0, WordAcc, NoLock, Preserve) { , 3, WF0, 100 }
      Method (MAIN) { WF0 = Buffer () {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE} \n Return (WF0) }`)));
    const v = m.interp.evaluate('\\MAIN');
    // 100 bits of the 14-byte buffer: 13 bytes, the last one holding 4 bits.
    assert.deepEqual(v?.kind === 'buffer' && [...v.value], [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0x0d]);
    assert.equal(m.accesses.filter((a) => a.direction === 'write').length, 7);
    assert.deepEqual(accessLines(m.accesses.slice(0, 2)), ['R SystemMemory 0x3000 16 0x0', 'W SystemMemory 0x3000 16 0x1088']);
  });
});
