import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sumsToZero } from '../../src/acpi/index.ts';
import { buildAcpiTables } from '../../src/machine/acpi-build.ts';
import { findMachineType, MACHINE_TYPES } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';

const build = (machine: string, smp: string) => buildAcpiTables(createMachineConfig(findMachineType(machine), smp));
const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at, true);
const u64 = (b: Uint8Array, at: number) => Number(new DataView(b.buffer, b.byteOffset).getBigUint64(at, true));

/** MADT structures after the 44-byte MADT header, as [type, length, offset]. */
function madtEntries(madt: Uint8Array): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let at = 44; at < madt.length; at += madt[at + 1]!) out.push([madt[at]!, madt[at + 1]!, at]);
  return out;
}

describe('a machine table set', () => {
  for (const type of MACHINE_TYPES) {
    test(`${type.name}: checksums, lengths and the pointers between tables agree`, () => {
      const set = build(type.name, '2,maxcpus=8');
      for (const [sig, { bytes }] of set.tables) {
        if (sig === 'FACS') continue;
        assert.ok(sumsToZero(bytes), `${sig} checksum`);
        assert.equal(u32(bytes, 4), bytes.length, `${sig} length`);
      }
      const xsdt = set.tables.get('XSDT')!;
      assert.equal(u64(set.rsdp, 24), xsdt.address, 'RSDP points at the XSDT');
      const pointed = [u64(xsdt.bytes, 36), u64(xsdt.bytes, 44)];
      assert.deepEqual(pointed, [set.tables.get('FACP')!.address, set.tables.get('APIC')!.address]);
      const fadt = set.tables.get('FACP')!.bytes;
      assert.equal(u64(fadt, 140), set.tables.get('DSDT')!.address, 'X_DSDT');
      if (set.tables.has('FACS')) {
        assert.equal(u32(fadt, 36), set.tables.get('FACS')!.address, 'FIRMWARE_CTRL');
        assert.equal(set.tables.get('FACS')!.address % 64, 0, 'FACS is 64-byte aligned');
      }
      // Tables do not overlap.
      const spans = [...set.tables.values()].map((t) => [t.address, t.address + t.bytes.length]).sort((a, b) => a[0]! - b[0]!);
      for (let i = 1; i < spans.length; i++) assert.ok(spans[i]![0]! >= spans[i - 1]![1]!);
    });
  }

  test('building is pure: the same config gives the same bytes', () => {
    const a = build('q35', '2,maxcpus=64');
    const b = build('q35', '2,maxcpus=64');
    for (const [sig, t] of a.tables) assert.deepEqual(t.bytes, b.tables.get(sig)!.bytes);
  });

  test('x86 MADT: cold-plugged CPUs enabled, the others disabled (not online-capable)', () => {
    const madt = build('q35', '2,maxcpus=4').tables.get('APIC')!.bytes;
    const lapics = madtEntries(madt).filter(([type]) => type === 0);
    assert.deepEqual(lapics.map(([, , at]) => u32(madt, at + 4)), [1, 1, 0, 0]);
  });

  test('x86 MADT switches to x2APIC entries and the x2APIC NMI past APIC id 254', () => {
    const madt = build('q35', '1,maxcpus=300').tables.get('APIC')!.bytes;
    const types = madtEntries(madt).map(([type]) => type);
    assert.equal(types.filter((t) => t === 0).length, 255);
    assert.equal(types.filter((t) => t === 9).length, 45);
    assert.ok(types.includes(0x0a) && !types.includes(0x04));
  });

  test('arm64 MADT: a GICC for every possible vCPU, Online Capable when not enabled, never both', () => {
    const madt = build('virt', '2,maxcpus=200').tables.get('APIC')!.bytes;
    const giccs = madtEntries(madt).filter(([type]) => type === 0x0b);
    assert.equal(giccs.length, 200);
    const flags = giccs.map(([, len, at]) => (assert.equal(len, 80), u32(madt, at + 12)));
    assert.deepEqual(flags.slice(0, 3), [1, 1, 8]);
    assert.ok(flags.every((f) => (f & 1) !== (f & 8) >> 3), 'exactly one of Enabled and Online Capable');
    assert.equal(u64(madt, giccs[17]![2] + 68), 0x101, 'MPIDR Aff1=1, Aff0=1');
    // 200 redistributors do not fit the low region (123), so the high one is described too.
    assert.equal(madtEntries(madt).filter(([type]) => type === 0x0e).length, 2);
  });

  test('the largest machines build', () => {
    assert.equal(build('q35', '1,maxcpus=4096').tables.get('APIC')!.bytes.length > 4096 * 8, true);
    assert.equal(madtEntries(build('virt', '1,maxcpus=512').tables.get('APIC')!.bytes).filter(([t]) => t === 0x0b).length, 512);
  });
});
