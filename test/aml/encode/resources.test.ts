// Resource descriptors and ResourceTemplate (src/aml/encode/resources.ts), ACPI 6.5
// §6.4. Expected bytes come from iasl 20200925. A ResourceTemplate is a Buffer
// whose size is the shortest integer, closed by an End Tag; iasl and QEMU both
// write the End Tag checksum as 0 ("treat as valid"), which is our default. The
// optional computed checksum has no ASL equivalent.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Interrupt, Io, Memory32Fixed, Name, resourceTemplate, toBytes } from '../../../src/aml/encode/index.ts';
import { assertBytes, assertEncodeError } from './helpers.ts';

describe('Io', () => {
  // ASL: Name (RT00, ResourceTemplate () { IO (Decode16, 0x0CD8, 0x0CD8, 0x01, 0x0C) })
  test("QEMU's CPU hot-plug register block", () => {
    assertBytes(new Name('RT00', resourceTemplate([new Io('Decode16', 0x0cd8, 0x0cd8, 1, 0x0c)])), [
      0x08, // NameOp
      0x52, 0x54, 0x30, 0x30, // 'RT00'
      0x11, // BufferOp
      0x0d, // PkgLength 13
      0x0a, 0x0a, // BufferSize: BytePrefix 10
      0x47, // I/O Port Descriptor (small, type 0x08, length 7)
      0x01, // Information: 16-bit decode
      0xd8, 0x0c, // Range minimum base 0x0CD8
      0xd8, 0x0c, // Range maximum base 0x0CD8
      0x01, // Alignment
      0x0c, // Length
      0x79, 0x00, // End Tag, checksum 0
    ]);
  });

  // ASL: Name (RT01, ResourceTemplate () { IO (Decode10, 0x0070, 0x0071, 0x00, 0x02) })
  test('10-bit decode clears the information bit', () => {
    assertBytes(new Name('RT01', resourceTemplate([new Io('Decode10', 0x70, 0x71, 0, 2)])), [
      0x08, // NameOp
      0x52, 0x54, 0x30, 0x31, // 'RT01'
      0x11, // BufferOp
      0x0d, // PkgLength 13
      0x0a, 0x0a, // BufferSize: BytePrefix 10
      0x47, // I/O Port Descriptor
      0x00, // Information: 10-bit decode
      0x70, 0x00, // Range minimum base 0x0070
      0x71, 0x00, // Range maximum base 0x0071
      0x00, // Alignment
      0x02, // Length
      0x79, 0x00, // End Tag, checksum 0
    ]);
  });

  test('a maximum above 0xFFFF throws out-of-range', () => {
    assertEncodeError(() => new Io('Decode16', 0, 0x10000, 1, 1), 'out-of-range');
  });

  test('a length above 0xFF throws out-of-range', () => {
    assertEncodeError(() => new Io('Decode16', 0, 0, 1, 0x100), 'out-of-range');
  });
});

describe('Memory32Fixed', () => {
  // ASL: Name (RT02, ResourceTemplate () { Memory32Fixed (ReadWrite, 0xFEC00000, 0x00001000) })
  test('a read-write range', () => {
    assertBytes(new Name('RT02', resourceTemplate([new Memory32Fixed('ReadWrite', 0xfec00000, 0x1000)])), [
      0x08, // NameOp
      0x52, 0x54, 0x30, 0x32, // 'RT02'
      0x11, // BufferOp
      0x11, // PkgLength 17
      0x0a, 0x0e, // BufferSize: BytePrefix 14
      0x86, 0x09, 0x00, // 32-bit Fixed Memory Range Descriptor, length 9
      0x01, // Information: read-write
      0x00, 0x00, 0xc0, 0xfe, // Range base 0xFEC00000
      0x00, 0x10, 0x00, 0x00, // Range length 0x00001000
      0x79, 0x00, // End Tag, checksum 0
    ]);
  });

  // ASL: Name (RT03, ResourceTemplate () { Memory32Fixed (ReadOnly, 0xFED00000, 0x00000400) })
  test('a read-only range', () => {
    assertBytes(new Name('RT03', resourceTemplate([new Memory32Fixed('ReadOnly', 0xfed00000, 0x400)])), [
      0x08, // NameOp
      0x52, 0x54, 0x30, 0x33, // 'RT03'
      0x11, // BufferOp
      0x11, // PkgLength 17
      0x0a, 0x0e, // BufferSize: BytePrefix 14
      0x86, 0x09, 0x00, // 32-bit Fixed Memory Range Descriptor, length 9
      0x00, // Information: read-only
      0x00, 0x00, 0xd0, 0xfe, // Range base 0xFED00000
      0x00, 0x04, 0x00, 0x00, // Range length 0x00000400
      0x79, 0x00, // End Tag, checksum 0
    ]);
  });

  test('a base of 2^32 throws out-of-range', () => {
    assertEncodeError(() => new Memory32Fixed('ReadWrite', 2 ** 32, 0), 'out-of-range');
  });
});

describe('Interrupt', () => {
  // ASL: Name (RT04, ResourceTemplate () { Interrupt (ResourceConsumer, Level, ActiveHigh, Exclusive, ,,) { 5 } })
  test('a level-triggered, active-high, exclusive consumer', () => {
    assertBytes(new Name('RT04', resourceTemplate([new Interrupt({}, [5])])), [
      0x08, // NameOp
      0x52, 0x54, 0x30, 0x34, // 'RT04'
      0x11, // BufferOp
      0x0e, // PkgLength 14
      0x0a, 0x0b, // BufferSize: BytePrefix 11
      0x89, 0x06, 0x00, // Extended Interrupt Descriptor, length 6
      0x01, // Flags: consumer
      0x01, // Interrupt table length
      0x05, 0x00, 0x00, 0x00, // Interrupt 5
      0x79, 0x00, // End Tag, checksum 0
    ]);
  });

  // ASL: Name (RT05, ResourceTemplate () { Interrupt (ResourceConsumer, Edge, ActiveLow, Shared, ,,) { 9, 10 } })
  test('an edge-triggered, active-low, shared consumer with two interrupts', () => {
    const node = new Interrupt({ edge: true, activeLow: true, shared: true }, [9, 10]);
    assertBytes(new Name('RT05', resourceTemplate([node])), [
      0x08, // NameOp
      0x52, 0x54, 0x30, 0x35, // 'RT05'
      0x11, // BufferOp
      0x12, // PkgLength 18
      0x0a, 0x0f, // BufferSize: BytePrefix 15
      0x89, 0x0a, 0x00, // Extended Interrupt Descriptor, length 10
      0x0f, // Flags: consumer | edge | active-low | shared
      0x02, // Interrupt table length
      0x09, 0x00, 0x00, 0x00, // Interrupt 9
      0x0a, 0x00, 0x00, 0x00, // Interrupt 10
      0x79, 0x00, // End Tag, checksum 0
    ]);
  });

  // ASL: Name (RT06, ResourceTemplate () { Interrupt (ResourceProducer, Edge, ActiveHigh, ExclusiveAndWake, ,,) { 0x40 } })
  test('a wake-capable producer', () => {
    const node = new Interrupt({ consumer: false, edge: true, wakeCapable: true }, [0x40]);
    assertBytes(new Name('RT06', resourceTemplate([node])), [
      0x08, // NameOp
      0x52, 0x54, 0x30, 0x36, // 'RT06'
      0x11, // BufferOp
      0x0e, // PkgLength 14
      0x0a, 0x0b, // BufferSize: BytePrefix 11
      0x89, 0x06, 0x00, // Extended Interrupt Descriptor, length 6
      0x12, // Flags: producer | edge | wake-capable
      0x01, // Interrupt table length
      0x40, 0x00, 0x00, 0x00, // Interrupt 0x40
      0x79, 0x00, // End Tag, checksum 0
    ]);
  });

  test('no interrupts throws bad-argument', () => {
    assertEncodeError(() => new Interrupt({}, []), 'bad-argument');
  });

  test('256 interrupts throw bad-argument', () => {
    assertEncodeError(() => new Interrupt({}, Array.from({ length: 256 }, (_, i) => i)), 'bad-argument');
  });

  test('an interrupt number of 2^32 throws out-of-range', () => {
    assertEncodeError(() => new Interrupt({}, [2 ** 32]), 'out-of-range');
  });
});

describe('resourceTemplate', () => {
  // ASL: Name (RT07, ResourceTemplate () {})
  test('an empty template is just the End Tag', () => {
    assertBytes(new Name('RT07', resourceTemplate([])), [
      0x08, // NameOp
      0x52, 0x54, 0x30, 0x37, // 'RT07'
      0x11, // BufferOp
      0x05, // PkgLength 5
      0x0a, 0x02, // BufferSize: BytePrefix 2
      0x79, 0x00, // End Tag, checksum 0
    ]);
  });

  // ASL: Name (RT08, ResourceTemplate () {
  //   IO (Decode16, 0x0CD8, 0x0CD8, 0x01, 0x0C)
  //   Memory32Fixed (ReadWrite, 0xFEC00000, 0x00001000)
  //   Interrupt (ResourceConsumer, Level, ActiveHigh, Exclusive, ,,) { 5 }
  //   })
  test('descriptors follow each other in order', () => {
    const node = resourceTemplate([
      new Io('Decode16', 0x0cd8, 0x0cd8, 1, 0x0c),
      new Memory32Fixed('ReadWrite', 0xfec00000, 0x1000),
      new Interrupt({}, [5]),
    ]);
    assertBytes(new Name('RT08', node), [
      0x08, // NameOp
      0x52, 0x54, 0x30, 0x38, // 'RT08'
      0x11, // BufferOp
      0x22, // PkgLength 34
      0x0a, 0x1f, // BufferSize: BytePrefix 31
      0x47, 0x01, 0xd8, 0x0c, 0xd8, 0x0c, 0x01, 0x0c, // IO (Decode16, 0x0CD8, 0x0CD8, 0x01, 0x0C)
      0x86, 0x09, 0x00, 0x01, 0x00, 0x00, 0xc0, 0xfe, 0x00, 0x10, 0x00, 0x00, // Memory32Fixed (ReadWrite, ...)
      0x89, 0x06, 0x00, 0x01, 0x01, 0x05, 0x00, 0x00, 0x00, // Interrupt (...) { 5 }
      0x79, 0x00, // End Tag, checksum 0
    ]);
  });

  // ASL: Name (RT09, ResourceTemplate () {
  //   Memory32Fixed (ReadWrite, 0x00000000, 0x00001000)
  //   Memory32Fixed (ReadWrite, 0x00001000, 0x00001000)
  //   Memory32Fixed (ReadWrite, 0x00002000, 0x00001000)
  //   Memory32Fixed (ReadWrite, 0x00003000, 0x00001000)
  //   Memory32Fixed (ReadWrite, 0x00004000, 0x00001000)
  //   })
  test('a 64-byte buffer body takes a two-byte PkgLength', () => {
    const ranges = [0, 1, 2, 3, 4].map((i) => new Memory32Fixed('ReadWrite', i * 0x1000, 0x1000));
    assertBytes(new Name('RT09', resourceTemplate(ranges)), [
      0x08, // NameOp
      0x52, 0x54, 0x30, 0x39, // 'RT09'
      0x11, // BufferOp
      0x42, 0x04, // PkgLength 0x42 (64 + 2)
      0x0a, 0x3e, // BufferSize: BytePrefix 62
      0x86, 0x09, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, // Memory32Fixed 0x0000
      0x86, 0x09, 0x00, 0x01, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, // Memory32Fixed 0x1000
      0x86, 0x09, 0x00, 0x01, 0x00, 0x20, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, // Memory32Fixed 0x2000
      0x86, 0x09, 0x00, 0x01, 0x00, 0x30, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, // Memory32Fixed 0x3000
      0x86, 0x09, 0x00, 0x01, 0x00, 0x40, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, // Memory32Fixed 0x4000
      0x79, 0x00, // End Tag, checksum 0
    ]);
  });

  // No ASL equivalent: iasl always writes a zero End Tag checksum. With
  // `checksum: true` the byte makes the descriptors and End Tag sum to 0 mod 256.
  test('a computed End Tag checksum makes the template sum to zero', () => {
    const bytes = toBytes(resourceTemplate([new Io('Decode16', 0x0cd8, 0x0cd8, 1, 0x0c)], { checksum: true }));
    assertBytes(bytes, [
      0x11, // BufferOp
      0x0d, // PkgLength 13
      0x0a, 0x0a, // BufferSize: BytePrefix 10
      0x47, 0x01, 0xd8, 0x0c, 0xd8, 0x0c, 0x01, 0x0c, // IO (Decode16, 0x0CD8, 0x0CD8, 0x01, 0x0C)
      0x79, 0x6a, // End Tag, checksum 0x6A
    ]);
    const sum = bytes.subarray(4).reduce((a, b) => a + b, 0);
    assert.equal(sum & 0xff, 0);
  });

  test('an empty template with a computed checksum', () => {
    assertBytes(resourceTemplate([], { checksum: true }), [
      0x11, 0x05, 0x0a, 0x02, // Buffer (2)
      0x79, 0x87, // End Tag, checksum 0x87 (0x79 + 0x87 = 0x100)
    ]);
  });
});
