import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AcpiTableError } from '../../src/acpi/errors.ts';
import {
  interruptOverride,
  ioApic,
  localApic,
  localApicNmi,
  localX2Apic,
  localX2ApicNmi,
  MPS_INTI,
} from '../../src/acpi/madt-apic.ts';
import { MADT_ENTRY } from '../../src/acpi/madt-structure.ts';
import { hex, u16, u32, u8 } from './fixtures.ts';

const isCode = (code: string) => (e: unknown) => e instanceof AcpiTableError && e.code === code;

describe('localApic', () => {
  it("matches QEMU 7.2's _MAT for CPU 1 (Processor Local APIC, uid 1, APIC id 1, enabled)", () => {
    // From QEMU 7.2's q35 DSDT at -smp 1,maxcpus=4: \_SB.CPUS.C001._MAT.
    assert.deepEqual(localApic({ type: 'local-apic', uid: 1, apicId: 1, state: 'enabled' }), hex('00 08 01 01 01000000'));
  });

  it('is type 0, 8 bytes, with uid, APIC id and the state flags', () => {
    const b = localApic({ type: 'local-apic', uid: 7, apicId: 9, state: 'online-capable' });
    assert.equal(b.length, MADT_ENTRY['local-apic'].length);
    assert.deepEqual([u8(b, 0), u8(b, 1), u8(b, 2), u8(b, 3), u32(b, 4)], [0x00, 8, 7, 9, 0b10]);
  });

  it('rejects a uid or APIC id that does not fit a byte', () => {
    assert.throws(() => localApic({ type: 'local-apic', uid: 256, apicId: 0, state: 'enabled' }), isCode('out-of-range'));
    assert.throws(() => localApic({ type: 'local-apic', uid: 0, apicId: 300, state: 'enabled' }), isCode('out-of-range'));
  });
});

describe('localX2Apic', () => {
  it('is type 9, 16 bytes: reserved, x2APIC id, flags, 32-bit uid', () => {
    const b = localX2Apic({ type: 'local-x2apic', uid: 300, x2apicId: 0x1234, state: 'online-capable' });
    assert.equal(b.length, MADT_ENTRY['local-x2apic'].length);
    assert.deepEqual([u8(b, 0), u8(b, 1), u16(b, 2), u32(b, 4), u32(b, 8), u32(b, 12)], [0x09, 16, 0, 0x1234, 0b10, 300]);
  });
});

describe('ioApic', () => {
  it('is type 1, 12 bytes: id, reserved, address, GSI base', () => {
    const b = ioApic({ type: 'io-apic', id: 0, address: 0xfec0_0000, gsiBase: 0 });
    assert.deepEqual(b, hex('01 0c 00 00 0000c0fe 00000000'));
  });
});

describe('interruptOverride', () => {
  it('is type 2, 10 bytes: bus, source, GSI, MPS INTI flags', () => {
    const b = interruptOverride({ type: 'interrupt-override', bus: 0, source: 9, gsi: 9, flags: MPS_INTI.ACTIVE_HIGH | MPS_INTI.LEVEL });
    assert.deepEqual(b, hex('02 0a 00 09 09000000 0d00'));
  });
});

describe('localApicNmi', () => {
  it('is type 4, 6 bytes: uid (0xFF = all), flags, LINT#', () => {
    assert.deepEqual(localApicNmi({ type: 'local-apic-nmi', uid: 0xff, flags: 0, lint: 1 }), hex('04 06 ff 0000 01'));
  });
});

describe('localX2ApicNmi', () => {
  it('is type 0x0A, 12 bytes: flags, 32-bit uid, LINT#, 3 reserved', () => {
    const b = localX2ApicNmi({ type: 'local-x2apic-nmi', flags: MPS_INTI.EDGE, uid: 0xffff_ffff, lint: 1 });
    assert.deepEqual(b, hex('0a 0c 0400 ffffffff 01 000000'));
  });
});
