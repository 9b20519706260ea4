// Named objects (src/aml/encode/named.ts): Scope, Device, Processor, Name, Alias,
// Method, Mutex, Event, OperationRegion and External. Expected bytes come from
// iasl 20200925 (`iasl -p out t.asl`, bytes after the 36-byte header). Paths
// written with a RootChar were compiled with `iasl -on`: plain iasl drops the
// `\` of `\_SB` at the root, while QEMU (and we) write the NameString as given.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Alias, AmlString, Buffer, Device, EisaId, Event, External, If, Method, Mutex, Name, OperationRegion,
  Processor, RegionSpace, Return, Scope, Zero, arg, toBytes, type RegionSpaceName,
} from '../../../src/aml/encode/index.ts';
import { assertBytes, assertEncodeError } from './helpers.ts';

describe('Scope', () => {
  // ASL: Scope (\_SB) { Name (SBX0, One) }
  // Compiled with `iasl -on`.
  test('a root scope with one object', () => {
    assertBytes(new Scope('\\_SB', [new Name('SBX0', 1)]), [
      0x10, // ScopeOp
      0x0c, // PkgLength 12
      0x5c, 0x5f, 0x53, 0x42, 0x5f, // '\_SB_'
      0x08, 0x53, 0x42, 0x58, 0x30, 0x01, // Name (SBX0, One)
    ]);
  });

  // ASL: Scope (_SB) { Name (SBX1, One) }
  test('a relative scope', () => {
    assertBytes(new Scope('_SB', [new Name('SBX1', 1)]), [
      0x10, // ScopeOp
      0x0b, // PkgLength 11
      0x5f, 0x53, 0x42, 0x5f, // '_SB_'
      0x08, 0x53, 0x42, 0x58, 0x31, 0x01, // Name (SBX1, One)
    ]);
  });

  // ASL: Scope (\) { Name (RTX0, One) }
  test('the root scope is RootChar NullName', () => {
    assertBytes(new Scope('\\', [new Name('RTX0', 1)]), [
      0x10, // ScopeOp
      0x09, // PkgLength 9
      0x5c, 0x00, // '\' NullName
      0x08, 0x52, 0x54, 0x58, 0x30, 0x01, // Name (RTX0, One)
    ]);
  });

  // ASL: Scope (\_SB.PCI0.S08) { Name (ABCD, 0x02) }
  // Compiled with `iasl -on`.
  test('a three-segment scope path', () => {
    assertBytes(new Scope('\\_SB.PCI0.S08', [new Name('ABCD', 2)]), [
      0x10, // ScopeOp
      0x17, // PkgLength 23
      0x5c, 0x2f, 0x03, // RootChar MultiNamePrefix SegCount 3
      0x5f, 0x53, 0x42, 0x5f, // '_SB_'
      0x50, 0x43, 0x49, 0x30, // 'PCI0'
      0x53, 0x30, 0x38, 0x5f, // 'S08_'
      0x08, 0x41, 0x42, 0x43, 0x44, 0x0a, 0x02, // Name (ABCD, 0x02)
    ]);
  });

  // ASL: Scope (DEV0) {}
  test('an empty scope', () => {
    assertBytes(new Scope('DEV0', []), [
      0x10, // ScopeOp
      0x05, // PkgLength 5
      0x44, 0x45, 0x56, 0x30, // 'DEV0'
    ]);
  });

  test('an invalid name throws bad-name at construction', () => {
    assertEncodeError(() => new Scope('\\_sb', []), 'bad-name');
  });
});

describe('Device', () => {
  // ASL: Device (DEV1) { Name (_HID, EisaId ("PNP0A06")) }
  test('a device with a _HID', () => {
    assertBytes(new Device('DEV1', [new Name('_HID', new EisaId('PNP0A06'))]), [
      0x5b, 0x82, // DeviceOp
      0x0f, // PkgLength 15
      0x44, 0x45, 0x56, 0x31, // 'DEV1'
      0x08, 0x5f, 0x48, 0x49, 0x44, // Name (_HID,
      0x0c, 0x41, 0xd0, 0x0a, 0x06, //   EisaId ("PNP0A06"))
    ]);
  });

  // ASL: Device (DEV2) {}
  test('an empty device', () => {
    assertBytes(new Device('DEV2', []), [
      0x5b, 0x82, // DeviceOp
      0x05, // PkgLength 5
      0x44, 0x45, 0x56, 0x32, // 'DEV2'
    ]);
  });

  // ASL: Device (C001) {
  //   Name (_HID, "ACPI0007")
  //   Name (_UID, One)
  //   Method (_STA, 0) { Return (0x0F) }
  //   Name (_PXM, Zero)
  //   Name (_SUN, One)
  //   Name (_MAT, Buffer () { 0x00, 0x08, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00 })
  //   }
  test('a 64-byte body takes a two-byte PkgLength', () => {
    const mat = Uint8Array.of(0x00, 0x08, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00);
    const node = new Device('C001', [
      new Name('_HID', new AmlString('ACPI0007')),
      new Name('_UID', 1),
      new Method('_STA', 0, [new Return(0x0f)]),
      new Name('_PXM', Zero),
      new Name('_SUN', 1),
      new Name('_MAT', new Buffer(mat)),
    ]);
    assertBytes(node, [
      0x5b, 0x82, // DeviceOp
      0x42, 0x04, // PkgLength 0x42 (64 + 2)
      0x43, 0x30, 0x30, 0x31, // 'C001'
      0x08, 0x5f, 0x48, 0x49, 0x44, // Name (_HID,
      0x0d, 0x41, 0x43, 0x50, 0x49, 0x30, 0x30, 0x30, 0x37, 0x00, //   "ACPI0007")
      0x08, 0x5f, 0x55, 0x49, 0x44, 0x01, // Name (_UID, One)
      0x14, 0x09, 0x5f, 0x53, 0x54, 0x41, 0x00, // Method (_STA, 0)
      0xa4, 0x0a, 0x0f, //   Return (0x0F)
      0x08, 0x5f, 0x50, 0x58, 0x4d, 0x00, // Name (_PXM, Zero)
      0x08, 0x5f, 0x53, 0x55, 0x4e, 0x01, // Name (_SUN, One)
      0x08, 0x5f, 0x4d, 0x41, 0x54, // Name (_MAT,
      0x11, 0x0b, 0x0a, 0x08, //   Buffer (0x08)
      0x00, 0x08, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, //   { ... })
    ]);
  });

  test('an invalid name throws bad-name at construction', () => {
    assertEncodeError(() => new Device('DEVICE', []), 'bad-name');
  });
});

describe('Processor', () => {
  // ASL: Processor (CPU0, 0x01, 0x00000810, 0x06) { Name (_STA, 0x0F) }
  test('a processor with a PBLK and a body', () => {
    assertBytes(new Processor('CPU0', 1, 0x810, 6, [new Name('_STA', 0x0f)]), [
      0x5b, 0x83, // ProcessorOp
      0x12, // PkgLength 18
      0x43, 0x50, 0x55, 0x30, // 'CPU0'
      0x01, // ProcID
      0x10, 0x08, 0x00, 0x00, // PblkAddr 0x00000810
      0x06, // PblkLen
      0x08, 0x5f, 0x53, 0x54, 0x41, 0x0a, 0x0f, // Name (_STA, 0x0F)
    ]);
  });

  // ASL: Processor (CPU1, 0x02, 0x00000000, 0x00) {}
  test('a processor without a PBLK writes the DWord in full', () => {
    assertBytes(new Processor('CPU1', 2, 0, 0, []), [
      0x5b, 0x83, // ProcessorOp
      0x0b, // PkgLength 11
      0x43, 0x50, 0x55, 0x31, // 'CPU1'
      0x02, // ProcID
      0x00, 0x00, 0x00, 0x00, // PblkAddr
      0x00, // PblkLen
    ]);
  });

  test('a processor id of 256 throws out-of-range', () => {
    assertEncodeError(() => new Processor('CPU2', 256, 0, 0, []), 'out-of-range');
  });

  test('a PBLK length of 256 throws out-of-range', () => {
    assertEncodeError(() => new Processor('CPU2', 0, 0, 256, []), 'out-of-range');
  });

  test('a PBLK address of 2^32 throws out-of-range', () => {
    assertEncodeError(() => new Processor('CPU2', 0, 2 ** 32, 0, []), 'out-of-range');
  });
});

describe('Name', () => {
  // ASL: Name (_UID, "CPU Hotplug resources")
  test('a string value', () => {
    assertBytes(new Name('_UID', new AmlString('CPU Hotplug resources')), [
      0x08, // NameOp
      0x5f, 0x55, 0x49, 0x44, // '_UID'
      0x0d, // StringPrefix
      0x43, 0x50, 0x55, 0x20, 0x48, 0x6f, 0x74, 0x70, 0x6c, 0x75, 0x67, // 'CPU Hotplug'
      0x20, 0x72, 0x65, 0x73, 0x6f, 0x75, 0x72, 0x63, 0x65, 0x73, // ' resources'
      0x00, // NullChar
    ]);
  });

  // ASL: Name (\NM00, 0x0A)
  // Compiled with `iasl -on`.
  test('a root path and a number shorthand', () => {
    assertBytes(new Name('\\NM00', 10), [
      0x08, // NameOp
      0x5c, 0x4e, 0x4d, 0x30, 0x30, // '\NM00'
      0x0a, 0x0a, // BytePrefix 0x0A
    ]);
  });

  // ASL: Name (_SB.NM01, 0x00010000)
  test('a dual path and a bigint shorthand', () => {
    assertBytes(new Name('_SB.NM01', 0x10000n), [
      0x08, // NameOp
      0x2e, // DualNamePrefix
      0x5f, 0x53, 0x42, 0x5f, // '_SB_'
      0x4e, 0x4d, 0x30, 0x31, // 'NM01'
      0x0c, 0x00, 0x00, 0x01, 0x00, // DWordPrefix 0x00010000
    ]);
  });

  test('a negative number throws out-of-range', () => {
    assertEncodeError(() => new Name('NEG0', -1), 'out-of-range');
  });
});

describe('Alias', () => {
  // ASL: Alias (INT0, ALI0)
  test('source then alias', () => {
    assertBytes(new Alias('INT0', 'ALI0'), [
      0x06, // AliasOp
      0x49, 0x4e, 0x54, 0x30, // 'INT0'
      0x41, 0x4c, 0x49, 0x30, // 'ALI0'
    ]);
  });

  // ASL: Alias (\_SB.PCI0, PCIA)
  // Compiled with `iasl -on`.
  test('a root source path', () => {
    assertBytes(new Alias('\\_SB.PCI0', 'PCIA'), [
      0x06, // AliasOp
      0x5c, 0x2e, // RootChar DualNamePrefix
      0x5f, 0x53, 0x42, 0x5f, // '_SB_'
      0x50, 0x43, 0x49, 0x30, // 'PCI0'
      0x50, 0x43, 0x49, 0x41, // 'PCIA'
    ]);
  });

  test('an invalid alias name throws bad-name at construction', () => {
    assertEncodeError(() => new Alias('INT0', 'ali0'), 'bad-name');
  });
});

describe('Method', () => {
  // ASL: Method (M000, 0, NotSerialized) {}
  test('no arguments, not serialized', () => {
    assertBytes(new Method('M000', 0, []), [
      0x14, // MethodOp
      0x06, // PkgLength 6
      0x4d, 0x30, 0x30, 0x30, // 'M000'
      0x00, // MethodFlags: ArgCount 0
    ]);
  });

  // ASL: Method (M001, 3, Serialized) { Return (Arg2) }
  test('argument count and the serialize flag', () => {
    assertBytes(new Method('M001', 3, [new Return(arg(2))], { serialized: true }), [
      0x14, // MethodOp
      0x08, // PkgLength 8
      0x4d, 0x30, 0x30, 0x31, // 'M001'
      0x0b, // MethodFlags: ArgCount 3 | Serialized 0x08
      0xa4, 0x6a, // Return (Arg2)
    ]);
  });

  // ASL: Method (M002, 7, Serialized, 15) {}
  test('every flag bit set: 7 arguments, serialized, sync level 15', () => {
    assertBytes(new Method('M002', 7, [], { serialized: true, syncLevel: 15 }), [
      0x14, // MethodOp
      0x06, // PkgLength 6
      0x4d, 0x30, 0x30, 0x32, // 'M002'
      0xff, // MethodFlags: ArgCount 7 | Serialized | SyncLevel 15 << 4
    ]);
  });

  // ASL: Method (M003, 1, NotSerialized, 3) { Return (Arg0) }
  test('a sync level without serialization', () => {
    assertBytes(new Method('M003', 1, [new Return(arg(0))], { syncLevel: 3 }), [
      0x14, // MethodOp
      0x08, // PkgLength 8
      0x4d, 0x30, 0x30, 0x33, // 'M003'
      0x31, // MethodFlags: ArgCount 1 | SyncLevel 3 << 4
      0xa4, 0x68, // Return (Arg0)
    ]);
  });

  test('argCount 8 throws out-of-range', () => {
    assertEncodeError(() => new Method('M004', 8, []), 'out-of-range');
  });

  test('sync level 16 throws out-of-range', () => {
    assertEncodeError(() => new Method('M004', 0, [], { syncLevel: 16 }), 'out-of-range');
  });

  test('a negative argCount throws out-of-range', () => {
    assertEncodeError(() => new Method('M004', -1, []), 'out-of-range');
  });

  test('flags are exposed', () => {
    assert.equal(new Method('M005', 2, [], { serialized: true, syncLevel: 1 }).flags, 0x1a);
  });
});

describe('Mutex and Event', () => {
  // ASL: Mutex (MTX1, 0)
  test('a mutex at sync level 0', () => {
    assertBytes(new Mutex('MTX1'), [
      0x5b, 0x01, // MutexOp
      0x4d, 0x54, 0x58, 0x31, // 'MTX1'
      0x00, // SyncFlags
    ]);
  });

  // ASL: Mutex (MTX2, 15)
  test('a mutex at sync level 15', () => {
    assertBytes(new Mutex('MTX2', 15), [
      0x5b, 0x01, // MutexOp
      0x4d, 0x54, 0x58, 0x32, // 'MTX2'
      0x0f, // SyncFlags
    ]);
  });

  test('mutex sync level 16 throws out-of-range', () => {
    assertEncodeError(() => new Mutex('MTX3', 16), 'out-of-range');
  });

  // ASL: Event (EVT1)
  test('an event', () => {
    assertBytes(new Event('EVT1'), [
      0x5b, 0x02, // EventOp
      0x45, 0x56, 0x54, 0x31, // 'EVT1'
    ]);
  });
});

describe('OperationRegion', () => {
  // ASL: OperationRegion (PRST, SystemIO, 0x0CD8, 0x0C)
  test('a SystemIO region', () => {
    assertBytes(new OperationRegion('PRST', 'SystemIO', 0x0cd8, 0x0c), [
      0x5b, 0x80, // OpRegionOp
      0x50, 0x52, 0x53, 0x54, // 'PRST'
      0x01, // RegionSpace: SystemIO
      0x0b, 0xd8, 0x0c, // RegionOffset: WordPrefix 0x0CD8
      0x0a, 0x0c, // RegionLen: BytePrefix 0x0C
    ]);
  });

  // ASL: OperationRegion (MEM0, SystemMemory, 0xFED00000, 0x0400)
  test('a SystemMemory region', () => {
    assertBytes(new OperationRegion('MEM0', 'SystemMemory', 0xfed00000, 0x400), [
      0x5b, 0x80, // OpRegionOp
      0x4d, 0x45, 0x4d, 0x30, // 'MEM0'
      0x00, // RegionSpace: SystemMemory
      0x0c, 0x00, 0x00, 0xd0, 0xfe, // RegionOffset: DWordPrefix 0xFED00000
      0x0b, 0x00, 0x04, // RegionLen: WordPrefix 0x0400
    ]);
  });

  // ASL: OperationRegion (PCFG, PCI_Config, Zero, 0x0100)
  test('a PCI_Config region at offset Zero', () => {
    assertBytes(new OperationRegion('PCFG', 'PCI_Config', 0, 0x100), [
      0x5b, 0x80, // OpRegionOp
      0x50, 0x43, 0x46, 0x47, // 'PCFG'
      0x02, // RegionSpace: PCI_Config
      0x00, // RegionOffset: ZeroOp
      0x0b, 0x00, 0x01, // RegionLen: WordPrefix 0x0100
    ]);
  });

  // ASL (in a method): OperationRegion (DYN0, SystemMemory, Arg0, 0x10)
  test('a region whose offset is computed at run time', () => {
    assertBytes(new OperationRegion('DYN0', 'SystemMemory', arg(0), 0x10), [
      0x5b, 0x80, // OpRegionOp
      0x44, 0x59, 0x4e, 0x30, // 'DYN0'
      0x00, // RegionSpace: SystemMemory
      0x68, // RegionOffset: Arg0
      0x0a, 0x10, // RegionLen: BytePrefix 0x10
    ]);
  });

  // Checked against iasl 20200925: OperationRegion (R000, <space>, 0, 0x10) for
  // every space keyword writes these ids (ACPI 6.5 Table 5.149).
  test('every RegionSpace keyword writes its space id', () => {
    const expected: Record<RegionSpaceName, number> = {
      SystemMemory: 0x00, SystemIO: 0x01, PCI_Config: 0x02, EmbeddedControl: 0x03, SMBus: 0x04, SystemCMOS: 0x05,
      PciBarTarget: 0x06, IPMI: 0x07, GeneralPurposeIO: 0x08, GenericSerialBus: 0x09, PCC: 0x0a,
    };
    assert.deepEqual(RegionSpace, expected);
    for (const space of Object.keys(expected) as RegionSpaceName[]) {
      assert.equal(toBytes(new OperationRegion('R000', space, 0, 0x10))[6], expected[space], space);
    }
  });

  test('a negative length throws out-of-range', () => {
    assertEncodeError(() => new OperationRegion('R001', 'SystemIO', 0, -1), 'out-of-range');
  });
});

describe('External', () => {
  // ASL: External (\EXT1, IntObj)
  // iasl differs in placement: it gathers every External into one `If (Zero) {}`
  // at the start of the table (so an interpreter never executes it) and writes
  // the absolute path. Wrapping ours the same way gives iasl's bytes; QEMU has no
  // External builder, and our External writes the opcode where it stands.
  test('an integer external, placed as iasl places it', () => {
    assertBytes(new If(Zero, [new External('\\EXT1', 1)]), [
      0xa0, 0x0a, 0x00, // If (Zero) — added by iasl
      0x15, // ExternalOp
      0x5c, 0x45, 0x58, 0x54, 0x31, // '\EXT1'
      0x01, // ObjectType: IntObj
      0x00, // ArgumentCount
    ]);
  });

  // iasl 20200925 writes these bytes (inside its If (Zero)) for
  // External (\_SB.EXT2, MethodObj) once a method calls \_SB.EXT2 (1, 2): it
  // learns the argument count from the call.
  test('a method external carries its argument count', () => {
    assertBytes(new External('\\_SB.EXT2', 8, 2), [
      0x15, // ExternalOp
      0x5c, 0x2e, // RootChar DualNamePrefix
      0x5f, 0x53, 0x42, 0x5f, // '_SB_'
      0x45, 0x58, 0x54, 0x32, // 'EXT2'
      0x08, // ObjectType: MethodObj
      0x02, // ArgumentCount
    ]);
  });

  test('an argument count of 8 throws out-of-range', () => {
    assertEncodeError(() => new External('EXT3', 8, 8), 'out-of-range');
  });

  test('an object type of 256 throws out-of-range', () => {
    assertEncodeError(() => new External('EXT3', 256), 'out-of-range');
  });
});
