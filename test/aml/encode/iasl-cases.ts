// The snippets of iasl-agreement.test.ts: ASL and the equivalent nodes, one
// case per device. Written in classic ASL (Store, explicit targets) because iasl
// rewrites ASL+ assignments and folds constants; see the test file for why it runs
// with `-on`.
import {
  Acquire, Add, Alias, And, AmlString, Buffer, BreakPoint, Break, Call, Concatenate, ConcatenateResTemplate,
  CondRefOf, Continue, CopyObject, CreateBitField, CreateByteField, CreateDWordField, CreateField, CreateQWordField,
  CreateWordField, Debug, Decrement, DerefOf, Device, Divide, EisaId, Event, External, Fatal, Field, FindSetLeftBit,
  FindSetRightBit, FromBCD, If, Increment, Index, IndexField, BankField, Integer, Interrupt, Io, LAnd, LEqual,
  LGreater, LGreaterEqual, LLess, LLessEqual, LNot, LNotEqual, LOr, Match, Memory32Fixed, Method, Mid, Mod, Multiply,
  Mutex, NAnd, NOr, Name, Noop, Not, Notify, ObjectType, One, Ones, OperationRegion, Or, Package, Processor, RefOf,
  Release, Return, Revision, Scope, ShiftLeft, ShiftRight, SizeOf, Sleep, Stall, Store, Subtract, Timer, ToBCD,
  ToBuffer, ToDecimalString, ToHexString, ToInteger, ToString, VarPackage, While, XOr, Zero, arg, field, local, name,
  offset, reserved, resourceTemplate, type AmlNode, type FieldElement,
} from '../../../src/aml/encode/index.ts';

export interface Case {
  /** What the case covers; the subtest name. */
  readonly title: string;
  /** Name of the wrapping device, unique per case. */
  readonly device: string;
  /** ASL placed inside `Device (<device>) { ... }`. */
  readonly asl: string;
  /** Our nodes for the same ASL. */
  readonly nodes: readonly AmlNode[];
  /** Objects iasl moves into an `If (Zero) {}` at the start of the table (External). */
  readonly hoisted?: readonly AmlNode[];
}

const L = local;
const A = arg;
const accessAs = (access: 'ByteAcc'): FieldElement => ({ kind: 'access', access });

export const CASES: readonly Case[] = [
  {
    title: 'Scope, relative and from the root',
    device: 'T001',
    asl: `Device (SUB0) {}
      Scope (SUB0) { Name (SCN0, One) }
      Scope (\\_SB) { Name (T1SB, 0x05) }`,
    nodes: [
      new Device('SUB0', []),
      new Scope('SUB0', [new Name('SCN0', 1)]),
      new Scope('\\_SB', [new Name('T1SB', 5)]),
    ],
  },
  {
    title: 'Device with _HID, _CID and _STA',
    device: 'T002',
    asl: `Device (CPUS) {
        Name (_HID, "ACPI0010")
        Name (_CID, EisaId ("PNP0A05"))
        Method (_STA, 0) { Return (0x0F) }
      }`,
    nodes: [
      new Device('CPUS', [
        new Name('_HID', new AmlString('ACPI0010')),
        new Name('_CID', new EisaId('PNP0A05')),
        new Method('_STA', 0, [new Return(0x0f)]),
      ]),
    ],
  },
  {
    title: 'Processor with and without a PBLK',
    device: 'T003',
    asl: `Processor (CPU0, 0x00, 0x00000000, 0x00) { Name (_HID, "ACPI0007") }
      Processor (CPU1, 0x01, 0x00000810, 0x06) {}`,
    nodes: [
      new Processor('CPU0', 0, 0, 0, [new Name('_HID', new AmlString('ACPI0007'))]),
      new Processor('CPU1', 1, 0x810, 6, []),
    ],
  },
  {
    title: 'integers of each width',
    device: 'T004',
    asl: `Name (I000, Zero)
      Name (I001, One)
      Name (I002, 0x02)
      Name (I0FF, 0xFF)
      Name (I100, 0x0100)
      Name (IFFF, 0xFFFF)
      Name (D000, 0x00010000)
      Name (DFFF, 0xFFFFFFFF)
      Name (Q000, 0x0000000100000000)
      Name (Q123, 0x0123456789ABCDEF)
      Name (ONS0, Ones)`,
    nodes: [
      new Name('I000', 0), new Name('I001', 1), new Name('I002', 2), new Name('I0FF', 0xff), new Name('I100', 0x100),
      new Name('IFFF', 0xffff), new Name('D000', 0x10000), new Name('DFFF', 0xffffffff),
      new Name('Q000', 0x100000000), new Name('Q123', 0x0123456789abcdefn), new Name('ONS0', Ones),
    ],
  },
  {
    title: 'String and Buffer',
    device: 'T005',
    asl: `Name (STR0, "CPU Hotplug")
      Name (STR1, "")
      Name (BUF0, Buffer () { 0x01, 0x02, 0x03 })
      Name (BUF1, Buffer (0x08) { 0xAA })
      Name (BUF2, Buffer (0x0100) {})`,
    nodes: [
      new Name('STR0', new AmlString('CPU Hotplug')),
      new Name('STR1', new AmlString('')),
      new Name('BUF0', new Buffer(Uint8Array.of(1, 2, 3))),
      new Name('BUF1', new Buffer(Uint8Array.of(0xaa), 8)),
      new Name('BUF2', new Buffer(new Uint8Array(0), 0x100)),
    ],
  },
  {
    title: 'Package, nested and with a declared count',
    device: 'T006',
    asl: `Name (PKG1, Package () { One, 0x02, "three", Package () { Zero }, Buffer () { 0xFF } })
      Name (PKG2, Package (0x06) {})`,
    nodes: [
      new Name('PKG1', new Package([One, new Integer(2), new AmlString('three'), new Package([Zero]), new Buffer(Uint8Array.of(0xff))])),
      new Name('PKG2', new Package([], 6)),
    ],
  },
  {
    title: 'VarPackage: a count above 255 and one computed at run time',
    device: 'T007',
    asl: `Name (VPK0, Package (0x0100) { One })
      Method (MVP0, 1, Serialized) { Name (VPK1, Package (Arg0) { One, 0x02 }) Return (VPK1) }`,
    nodes: [
      new Name('VPK0', new VarPackage(new Integer(0x100), [One])),
      new Method('MVP0', 1, [new Name('VPK1', new VarPackage(A(0), [One, new Integer(2)])), new Return(name('VPK1'))], {
        serialized: true,
      }),
    ],
  },
  {
    title: 'EisaId',
    device: 'T008',
    asl: `Name (_HID, EisaId ("PNP0A06"))
      Name (_CID, EisaId ("PNP0C0F"))`,
    nodes: [new Name('_HID', new EisaId('PNP0A06')), new Name('_CID', new EisaId('PNP0C0F'))],
  },
  {
    title: 'Method argument counts, Serialized and sync levels',
    device: 'T009',
    asl: `Method (M000, 0) {}
      Method (M001, 3, Serialized) { Return (Arg2) }
      Method (M002, 7, Serialized, 15) { Return (Arg6) }
      Method (M003, 1, NotSerialized, 3) { Return (Arg0) }`,
    nodes: [
      new Method('M000', 0, []),
      new Method('M001', 3, [new Return(A(2))], { serialized: true }),
      new Method('M002', 7, [new Return(A(6))], { serialized: true, syncLevel: 15 }),
      new Method('M003', 1, [new Return(A(0))], { syncLevel: 3 }),
    ],
  },
  {
    title: 'If, ElseIf and Else',
    device: 'T010',
    asl: `Method (MIF0, 1) {
        If (LEqual (Arg0, One)) { Return (One) }
        ElseIf (LLess (Arg0, 0x05)) { Return (0x02) }
        Else { Return (0x03) }
      }`,
    nodes: [
      new Method('MIF0', 1, [
        new If(LEqual(A(0), 1), [new Return(1)], [new If(LLess(A(0), 5), [new Return(2)], [new Return(3)])]),
      ]),
    ],
  },
  {
    title: 'While with Break and Continue',
    device: 'T011',
    asl: `Method (MWH0, 0) {
        Store (Zero, Local0)
        While (LLess (Local0, 0x0A)) {
          Increment (Local0)
          If (LEqual (Local0, 0x05)) { Break }
          Continue
        }
        Return (Local0)
      }`,
    nodes: [
      new Method('MWH0', 0, [
        Store(0, L(0)),
        new While(LLess(L(0), 10), [Increment(L(0)), new If(LEqual(L(0), 5), [Break]), Continue]),
        new Return(L(0)),
      ]),
    ],
  },
  {
    title: 'Store into locals, names and Debug',
    device: 'T012',
    asl: `Name (INT0, Zero)
      Method (MST0, 1) {
        Store (Arg0, Local0)
        Store (Local0, INT0)
        Store (0x1234, INT0)
        Store (Local0, Debug)
        Store ("trace", Debug)
      }`,
    nodes: [
      new Name('INT0', 0),
      new Method('MST0', 1, [
        Store(A(0), L(0)),
        Store(L(0), name('INT0')),
        Store(0x1234, name('INT0')),
        Store(L(0), Debug),
        Store(new AmlString('trace'), Debug),
      ]),
    ],
  },
  {
    title: 'arithmetic operators with targets',
    device: 'T013',
    asl: `Method (MAR0, 2) {
        Add (Arg0, Arg1, Local0)
        Subtract (Local0, One, Local1)
        Multiply (Local1, 0x03, Local2)
        Divide (Local2, 0x07, Local3, Local4)
        Mod (Local4, 0x02, Local5)
        Increment (Local5)
        Decrement (Local5)
        Return (Add (Local3, Local5))
      }`,
    nodes: [
      new Method('MAR0', 2, [
        Add(A(0), A(1), L(0)),
        Subtract(L(0), 1, L(1)),
        Multiply(L(1), 3, L(2)),
        Divide(L(2), 7, L(3), L(4)),
        Mod(L(4), 2, L(5)),
        Increment(L(5)),
        Decrement(L(5)),
        new Return(Add(L(3), L(5))),
      ]),
    ],
  },
  {
    title: 'bit operators with targets',
    device: 'T014',
    asl: `Method (MBT0, 2) {
        And (Arg0, 0xF0, Local0)
        Or (Local0, 0x0F, Local1)
        XOr (Local0, Local1, Local2)
        NAnd (Arg0, Arg1, Local3)
        NOr (Arg0, Arg1, Local4)
        Not (Arg0, Local5)
        ShiftLeft (Arg0, 0x04, Local6)
        ShiftRight (Arg0, 0x04, Local7)
        FindSetLeftBit (Arg1, Local0)
        FindSetRightBit (Arg1, Local1)
        Return (Local7)
      }`,
    nodes: [
      new Method('MBT0', 2, [
        And(A(0), 0xf0, L(0)),
        Or(L(0), 0x0f, L(1)),
        XOr(L(0), L(1), L(2)),
        NAnd(A(0), A(1), L(3)),
        NOr(A(0), A(1), L(4)),
        Not(A(0), L(5)),
        ShiftLeft(A(0), 4, L(6)),
        ShiftRight(A(0), 4, L(7)),
        FindSetLeftBit(A(1), L(0)),
        FindSetRightBit(A(1), L(1)),
        new Return(L(7)),
      ]),
    ],
  },
  {
    title: 'logical operators',
    device: 'T015',
    asl: `Method (MLG0, 2) {
        If (LAnd (LNotEqual (Arg0, One), LOr (LGreater (Arg0, 0x02), LNot (Arg1)))) { Return (One) }
        If (LGreaterEqual (Arg0, Arg1)) { Return (0x02) }
        If (LLessEqual (Arg0, Arg1)) { Return (0x03) }
        Return (Zero)
      }`,
    nodes: [
      new Method('MLG0', 2, [
        new If(LAnd(LNotEqual(A(0), 1), LOr(LGreater(A(0), 2), LNot(A(1)))), [new Return(1)]),
        new If(LGreaterEqual(A(0), A(1)), [new Return(2)]),
        new If(LLessEqual(A(0), A(1)), [new Return(3)]),
        new Return(0),
      ]),
    ],
  },
  {
    title: 'Notify by relative and absolute path',
    device: 'T016',
    asl: `Device (C000) { Name (_HID, "ACPI0007") }
      Method (MNT0, 1) {
        Notify (C000, 0x80)
        Notify (\\T016.C000, Arg0)
      }`,
    nodes: [
      new Device('C000', [new Name('_HID', new AmlString('ACPI0007'))]),
      new Method('MNT0', 1, [Notify(name('C000'), 0x80), Notify(name('\\T016.C000'), A(0))]),
    ],
  },
  {
    title: 'Mutex, Acquire and Release',
    device: 'T017',
    asl: `Mutex (MTX1, 0)
      Mutex (MTX2, 15)
      Method (MMX0, 0, Serialized) {
        Acquire (MTX1, 0xFFFF)
        Release (MTX1)
        If (Acquire (MTX2, 0x0064)) { Noop }
        Release (MTX2)
      }`,
    nodes: [
      new Mutex('MTX1', 0),
      new Mutex('MTX2', 15),
      new Method('MMX0', 0, [
        new Acquire(name('MTX1'), 0xffff),
        Release(name('MTX1')),
        new If(new Acquire(name('MTX2'), 100), [Noop]),
        Release(name('MTX2')),
      ], { serialized: true }),
    ],
  },
  {
    title: 'Return of each kind of value',
    device: 'T018',
    asl: `Method (MRT0, 0) { Return (Zero) }
      Method (MRT1, 0) { Return ("str") }
      Method (MRT2, 1) { Return (Arg0) }
      Method (MRT3, 0) { Return (Package () { One }) }
      Method (MRT4, 0) { Return (0xDEADBEEF) }`,
    nodes: [
      new Method('MRT0', 0, [new Return(Zero)]),
      new Method('MRT1', 0, [new Return(new AmlString('str'))]),
      new Method('MRT2', 1, [new Return(A(0))]),
      new Method('MRT3', 0, [new Return(new Package([One]))]),
      new Method('MRT4', 0, [new Return(0xdeadbeef)]),
    ],
  },
  {
    title: 'OperationRegion in SystemIO, SystemMemory and PCI_Config, and at run time',
    device: 'T019',
    asl: `OperationRegion (PRST, SystemIO, 0x0CD8, 0x0C)
      OperationRegion (MEM0, SystemMemory, 0xFED00000, 0x0400)
      OperationRegion (PCFG, PCI_Config, Zero, 0x0100)
      Method (MOR0, 1, Serialized) {
        OperationRegion (DYN0, SystemMemory, Arg0, 0x10)
        Field (DYN0, DWordAcc, NoLock, Preserve) { DYNF, 32 }
        Return (DYNF)
      }`,
    nodes: [
      new OperationRegion('PRST', 'SystemIO', 0x0cd8, 0x0c),
      new OperationRegion('MEM0', 'SystemMemory', 0xfed00000, 0x400),
      new OperationRegion('PCFG', 'PCI_Config', 0, 0x100),
      new Method('MOR0', 1, [
        new OperationRegion('DYN0', 'SystemMemory', A(0), 0x10),
        new Field('DYN0', { access: 'DWordAcc', lock: 'NoLock', update: 'Preserve' }, [field('DYNF', 32)]),
        new Return(name('DYNF')),
      ], { serialized: true }),
    ],
  },
  {
    title: "Field: QEMU's CPU hot-plug registers, access/lock/update rules, Offset, reserved and AccessAs",
    device: 'T020',
    asl: `OperationRegion (PRST, SystemIO, 0x0CD8, 0x0C)
      Field (PRST, ByteAcc, NoLock, WriteAsZeros) {
        Offset (0x04), CPEN, 1, CINS, 1, CRMV, 1, CEJ0, 1, CEJF, 1, Offset (0x05), CCMD, 8
      }
      Field (PRST, DWordAcc, NoLock, Preserve) { CSEL, 32, Offset (0x08), CDAT, 32 }
      Field (PRST, AnyAcc, Lock, WriteAsOnes) { , 4, AccessAs (ByteAcc), NIB0, 4 }`,
    nodes: [
      new OperationRegion('PRST', 'SystemIO', 0x0cd8, 0x0c),
      new Field('PRST', { access: 'ByteAcc', lock: 'NoLock', update: 'WriteAsZeros' }, [
        offset(4), field('CPEN', 1), field('CINS', 1), field('CRMV', 1), field('CEJ0', 1), field('CEJF', 1),
        offset(5), field('CCMD', 8),
      ]),
      new Field('PRST', { access: 'DWordAcc', lock: 'NoLock', update: 'Preserve' }, [
        field('CSEL', 32), offset(8), field('CDAT', 32),
      ]),
      new Field('PRST', { access: 'AnyAcc', lock: 'Lock', update: 'WriteAsOnes' }, [
        reserved(4), accessAs('ByteAcc'), field('NIB0', 4),
      ]),
    ],
  },
  {
    title: 'Field element lengths at the 63 and 4094 PkgLength boundaries',
    device: 'T021',
    asl: `OperationRegion (BIG0, SystemMemory, 0x10000000, 0x10000)
      Field (BIG0, AnyAcc, NoLock, Preserve) { W062, 62, , 62, W063, 63, , 63, W4K3, 4093, W4K4, 4094 }`,
    nodes: [
      new OperationRegion('BIG0', 'SystemMemory', 0x10000000, 0x10000),
      new Field('BIG0', { access: 'AnyAcc', lock: 'NoLock', update: 'Preserve' }, [
        field('W062', 62), reserved(62), field('W063', 63), reserved(63), field('W4K3', 4093), field('W4K4', 4094),
      ]),
    ],
  },
  {
    title: 'IndexField',
    device: 'T022',
    asl: `OperationRegion (IDXR, SystemIO, 0x70, 0x02)
      Field (IDXR, ByteAcc, NoLock, Preserve) { IDX0, 8, DAT0, 8 }
      IndexField (IDX0, DAT0, ByteAcc, NoLock, Preserve) { Offset (0x10), REG1, 8, , 4, REG2, 4 }`,
    nodes: [
      new OperationRegion('IDXR', 'SystemIO', 0x70, 2),
      new Field('IDXR', { access: 'ByteAcc', lock: 'NoLock', update: 'Preserve' }, [field('IDX0', 8), field('DAT0', 8)]),
      new IndexField('IDX0', 'DAT0', { access: 'ByteAcc', lock: 'NoLock', update: 'Preserve' }, [
        offset(0x10), field('REG1', 8), reserved(4), field('REG2', 4),
      ]),
    ],
  },
  {
    title: 'BankField',
    device: 'T023',
    asl: `OperationRegion (BNKR, SystemMemory, 0xFED00000, 0x0100)
      Field (BNKR, DWordAcc, Lock, Preserve) { BNK0, 32 }
      BankField (BNKR, BNK0, 0x02, AnyAcc, NoLock, Preserve) { Offset (0x04), BREG, 32 }`,
    nodes: [
      new OperationRegion('BNKR', 'SystemMemory', 0xfed00000, 0x100),
      new Field('BNKR', { access: 'DWordAcc', lock: 'Lock', update: 'Preserve' }, [field('BNK0', 32)]),
      new BankField('BNKR', 'BNK0', 2, { access: 'AnyAcc', lock: 'NoLock', update: 'Preserve' }, [
        offset(4), field('BREG', 32),
      ]),
    ],
  },
  {
    title: 'every Local and Arg',
    device: 'T024',
    asl: `Method (MLA0, 7) {
        Store (Arg0, Local0)
        Store (Arg1, Local1)
        Store (Arg2, Local2)
        Store (Arg3, Local3)
        Store (Arg4, Local4)
        Store (Arg5, Local5)
        Store (Arg6, Local6)
        Store (Local0, Local7)
        Return (Add (Local7, Add (Local1, Add (Local2, Add (Local3, Add (Local4, Add (Local5, Local6)))))))
      }`,
    nodes: [
      new Method('MLA0', 7, [
        ...[0, 1, 2, 3, 4, 5, 6].map((i) => Store(A(i), L(i))),
        Store(L(0), L(7)),
        new Return(Add(L(7), Add(L(1), Add(L(2), Add(L(3), Add(L(4), Add(L(5), L(6)))))))),
      ]),
    ],
  },
  {
    title: 'method invocation by relative and absolute path',
    device: 'T025',
    asl: `Method (MCL0, 2) { Return (Arg0) }
      Method (MCL1, 0) {
        Store (MCL0 (One, 0x02), Local0)
        MCL0 (Local0, Local0)
        Return (\\T025.MCL0 (0x03, Local0))
      }`,
    nodes: [
      new Method('MCL0', 2, [new Return(A(0))]),
      new Method('MCL1', 0, [
        Store(new Call('MCL0', [1, 2]), L(0)),
        new Call('MCL0', [L(0), L(0)]),
        new Return(new Call('\\T025.MCL0', [3, L(0)])),
      ]),
    ],
  },
  {
    title: 'Index, DerefOf and SizeOf',
    device: 'T026',
    asl: `Name (PKG0, Package () { One, 0x02, 0x03 })
      Method (MIX0, 1) {
        Store (DerefOf (Index (PKG0, Arg0)), Local0)
        Index (PKG0, One, Local1)
        Store (SizeOf (PKG0), Local2)
        Return (Add (Local0, Local2))
      }`,
    nodes: [
      new Name('PKG0', new Package([One, new Integer(2), new Integer(3)])),
      new Method('MIX0', 1, [
        Store(DerefOf(Index(name('PKG0'), A(0))), L(0)),
        Index(name('PKG0'), 1, L(1)),
        Store(SizeOf(name('PKG0')), L(2)),
        new Return(Add(L(0), L(2))),
      ]),
    ],
  },
  {
    title: 'ResourceTemplate with IO, Memory32Fixed and Interrupt',
    device: 'T027',
    asl: `Name (_HID, "ACPI0004")
      Name (_CRS, ResourceTemplate () {
        IO (Decode16, 0x0CD8, 0x0CD8, 0x01, 0x0C)
        IO (Decode10, 0x0070, 0x0071, 0x00, 0x02)
        Memory32Fixed (ReadWrite, 0xFEC00000, 0x00001000)
        Memory32Fixed (ReadOnly, 0xFED00000, 0x00000400)
        Interrupt (ResourceConsumer, Level, ActiveHigh, Exclusive, ,,) { 5 }
        Interrupt (ResourceConsumer, Edge, ActiveLow, Shared, ,,) { 9, 10 }
        Interrupt (ResourceProducer, Edge, ActiveHigh, ExclusiveAndWake, ,,) { 0x40 }
      })`,
    nodes: [
      new Name('_HID', new AmlString('ACPI0004')),
      new Name('_CRS', resourceTemplate([
        new Io('Decode16', 0x0cd8, 0x0cd8, 1, 0x0c),
        new Io('Decode10', 0x70, 0x71, 0, 2),
        new Memory32Fixed('ReadWrite', 0xfec00000, 0x1000),
        new Memory32Fixed('ReadOnly', 0xfed00000, 0x400),
        new Interrupt({}, [5]),
        new Interrupt({ edge: true, activeLow: true, shared: true }, [9, 10]),
        new Interrupt({ consumer: false, edge: true, wakeCapable: true }, [0x40]),
      ])),
    ],
  },
  {
    title: 'buffer field creators',
    device: 'T028',
    asl: `Name (BUF0, Buffer (0x10) {})
      CreateDWordField (BUF0, 0x04, DW01)
      CreateWordField (BUF0, 0x02, WD01)
      CreateByteField (BUF0, One, BY01)
      CreateBitField (BUF0, 0x03, BI01)
      CreateQWordField (BUF0, 0x08, QW01)
      CreateField (BUF0, 0x04, 0x0C, CF01)`,
    nodes: [
      new Name('BUF0', new Buffer(new Uint8Array(0), 0x10)),
      CreateDWordField(name('BUF0'), 4, 'DW01'),
      CreateWordField(name('BUF0'), 2, 'WD01'),
      CreateByteField(name('BUF0'), 1, 'BY01'),
      CreateBitField(name('BUF0'), 3, 'BI01'),
      CreateQWordField(name('BUF0'), 8, 'QW01'),
      CreateField(name('BUF0'), 4, 12, 'CF01'),
    ],
  },
  {
    title: 'Alias, Event and the remaining statements and conversions',
    device: 'T029',
    asl: `Name (PKG0, Package () { One, 0x02 })
      Alias (PKG0, PKGA)
      Event (EVT0)
      Method (MMS0, 3) {
        Sleep (0x0A)
        Stall (0x05)
        Noop
        BreakPoint
        Store (Revision, Local0)
        Store (Timer, Local1)
        Store (Match (PKG0, MEQ, 0x02, MTR, Zero, Zero), Local2)
        Mid ("abcdef", One, 0x02, Local3)
        ToInteger (Arg1, Local4)
        ToBuffer (Arg1, Local5)
        ToHexString (Arg1, Local5)
        ToDecimalString (Arg1, Local5)
        ToString (Arg2, 0x04, Local5)
        ToBCD (Arg0, Local6)
        FromBCD (Arg0, Local6)
        CopyObject (Local0, Local7)
        Store (RefOf (PKG0), Local7)
        Store (ObjectType (Local1), Local7)
        Concatenate (Arg0, Arg1, Local7)
        ConcatenateResTemplate (Arg1, Arg2, Local7)
        If (CondRefOf (\\T029.MMS0, Local7)) { Fatal (0x01, 0x12345678, Zero) }
        Return (Local7)
      }`,
    nodes: [
      new Name('PKG0', new Package([One, new Integer(2)])),
      new Alias('PKG0', 'PKGA'),
      new Event('EVT0'),
      new Method('MMS0', 3, [
        Sleep(10),
        Stall(5),
        Noop,
        BreakPoint,
        Store(Revision, L(0)),
        Store(Timer, L(1)),
        Store(new Match(name('PKG0'), 'MEQ', 2, 'MTR', 0, 0), L(2)),
        Mid(new AmlString('abcdef'), 1, 2, L(3)),
        ToInteger(A(1), L(4)),
        ToBuffer(A(1), L(5)),
        ToHexString(A(1), L(5)),
        ToDecimalString(A(1), L(5)),
        ToString(A(2), 4, L(5)),
        ToBCD(A(0), L(6)),
        FromBCD(A(0), L(6)),
        CopyObject(L(0), L(7)),
        Store(RefOf(name('PKG0')), L(7)),
        Store(ObjectType(L(1)), L(7)),
        Concatenate(A(0), A(1), L(7)),
        ConcatenateResTemplate(A(1), A(2), L(7)),
        new If(CondRefOf(name('\\T029.MMS0'), L(7)), [new Fatal(1, 0x12345678, 0)]),
        new Return(L(7)),
      ]),
    ],
  },
  {
    title: 'a device body crossing the one-byte PkgLength limit',
    device: 'T030',
    asl: `Device (C001) {
        Name (_HID, "ACPI0007")
        Name (_UID, One)
        Method (_STA, 0) { Return (0x0F) }
        Name (_PXM, Zero)
        Name (_SUN, One)
        Name (_MAT, Buffer () { 0x00, 0x08, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00 })
      }`,
    nodes: [
      new Device('C001', [
        new Name('_HID', new AmlString('ACPI0007')),
        new Name('_UID', 1),
        new Method('_STA', 0, [new Return(0x0f)]),
        new Name('_PXM', Zero),
        new Name('_SUN', 1),
        new Name('_MAT', new Buffer(Uint8Array.of(0x00, 0x08, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00))),
      ]),
    ],
  },
  {
    title: 'External, which iasl moves into If (Zero) at the start of the table',
    device: 'T031',
    asl: 'External (EXT1, IntObj)',
    nodes: [],
    hoisted: [new External('\\T031.EXT1', 1)],
  },
];
