import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AcpiTableError } from '../../src/acpi/errors.ts';
import { GICC, gicc, gicd, type GicVersion, gicr } from '../../src/acpi/madt-gic.ts';
import { MADT_ENTRY } from '../../src/acpi/madt-structure.ts';
import { hex, u16, u32, u64, u8 } from './fixtures.ts';

describe('gicc', () => {
  // Every field distinct and non-zero, so a field written at the wrong offset shows.
  const b = gicc({
    type: 'gicc',
    cpuInterfaceNumber: 0x11,
    uid: 0x22,
    state: 'online-capable',
    parkingProtocolVersion: 0x33,
    performanceInterrupt: 0x44,
    parkedAddress: 0x55_0000_0000n,
    baseAddress: 0x66_0000_0000n,
    gicvBaseAddress: 0x77_0000_0000n,
    gichBaseAddress: 0x88_0000_0000n,
    vgicMaintenanceInterrupt: 0x99,
    gicrBaseAddress: 0xaa_0000_0000n,
    mpidr: 0x80_0000_0102n,
    efficiencyClass: 0xbb,
    speOverflowInterrupt: 0xcc,
  });

  it('is type 0x0B, 80 bytes (the ACPI 6.0-6.4 layout)', () => {
    assert.equal(b.length, 80);
    assert.equal(MADT_ENTRY.gicc.length, 80);
    assert.deepEqual([u8(b, 0), u8(b, 1), u16(b, 2)], [0x0b, 80, 0]);
  });

  it('writes every field at its spec offset', () => {
    assert.equal(u32(b, GICC.CPU_INTERFACE_NUMBER), 0x11);
    assert.equal(u32(b, GICC.UID), 0x22);
    assert.equal(u32(b, GICC.FLAGS), 0b1000);
    assert.equal(u32(b, GICC.PARKING_PROTOCOL_VERSION), 0x33);
    assert.equal(u32(b, GICC.PERFORMANCE_INTERRUPT), 0x44);
    assert.equal(u64(b, GICC.PARKED_ADDRESS), 0x55_0000_0000n);
    assert.equal(u64(b, GICC.BASE_ADDRESS), 0x66_0000_0000n);
    assert.equal(u64(b, GICC.GICV), 0x77_0000_0000n);
    assert.equal(u64(b, GICC.GICH), 0x88_0000_0000n);
    assert.equal(u32(b, GICC.VGIC_MAINTENANCE_INTERRUPT), 0x99);
    assert.equal(u64(b, GICC.GICR_BASE_ADDRESS), 0xaa_0000_0000n);
    assert.equal(u64(b, GICC.MPIDR), 0x80_0000_0102n);
    assert.equal(u8(b, GICC.EFFICIENCY_CLASS), 0xbb);
    assert.equal(u8(b, GICC.EFFICIENCY_CLASS + 1), 0);
    assert.equal(u16(b, GICC.SPE_OVERFLOW_INTERRUPT), 0xcc);
  });

  it('writes 0 for the fields left out', () => {
    const min = gicc({ type: 'gicc', cpuInterfaceNumber: 1, uid: 1, state: 'enabled', mpidr: 1n });
    const expected = new Uint8Array(80);
    expected.set([0x0b, 80, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expected[GICC.MPIDR] = 1;
    assert.deepEqual(min, expected);
  });

  it('adds edge-triggered interrupt modes in bits 1 and 2 beside the state bit', () => {
    const flags = u32(
      gicc({
        type: 'gicc', cpuInterfaceNumber: 0, uid: 0, state: 'enabled', mpidr: 0n,
        performanceInterruptMode: 'edge', vgicMaintenanceInterruptMode: 'edge',
      }),
      GICC.FLAGS,
    );
    assert.equal(flags, 0b0111);
  });
});

describe('gicd', () => {
  it('is type 0x0C, 24 bytes: GIC id, base address, system vector base, version', () => {
    const b = gicd({ type: 'gicd', gicId: 0, baseAddress: 0x0800_0000n, globalIrqBase: 0, version: 3 });
    assert.deepEqual(b, hex('0c 18 0000 00000000 0000000800000000 00000000 03 000000'));
  });

  it('rejects a GIC version above 4', () => {
    assert.throws(
      () => gicd({ type: 'gicd', gicId: 0, baseAddress: 0, globalIrqBase: 0, version: 5 as GicVersion }),
      (e: unknown) => e instanceof AcpiTableError && e.code === 'bad-value',
    );
  });
});

describe('gicr', () => {
  it('is type 0x0E, 16 bytes: flags, reserved, base address, length', () => {
    const b = gicr({ type: 'gicr', baseAddress: 0x080a_0000n, length: 0x00f6_0000 });
    assert.deepEqual(b, hex('0e 10 00 00 00000a0800000000 0000f600'));
  });

  it('sets flags bit 0 for non-coherent redistributors', () => {
    assert.equal(u8(gicr({ type: 'gicr', baseAddress: 0, length: 0, nonCoherent: true }), 2), 1);
  });
});
