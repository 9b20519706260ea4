// The MADT as the guest reads it (src/guest/madt.ts): which CPUs Linux considers
// possible and enabled, by its rules (guest-and-peers.md §1.7, §2.4, §2.5).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildMadt, QEMU_OEM, type MadtEntry } from '../../src/acpi/index.ts';
import type { FadtInfo } from '../../src/guest/firmware-tables.ts';
import { parseMadt } from '../../src/guest/madt.ts';
import { hwIdFromMadt, hwIdFromMat } from '../../src/guest/processors.ts';
import { buffer } from '../../src/aml/interp/index.ts';
import { buildAcpiTables } from '../../src/machine/acpi-build.ts';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { madtEntry } from '../../src/acpi/index.ts';

const fadt = (revision: number, minorRevision = 0): FadtInfo => ({
  revision, minorRevision, hardwareReduced: false, sciInterrupt: 9, dsdtAddress: 0,
});
const madt = (entries: MadtEntry[], revision = 1) => buildMadt({ oem: QEMU_OEM, revision, localApicAddress: 0xfee00000, flags: 1, entries });

const X86_ENTRIES: MadtEntry[] = [
  { type: 'local-apic', uid: 0, apicId: 0, state: 'enabled' },
  { type: 'local-apic', uid: 1, apicId: 2, state: 'disabled' },
  { type: 'local-apic', uid: 2, apicId: 4, state: 'online-capable' },
  { type: 'local-x2apic', uid: 300, x2apicId: 0x1234, state: 'disabled' },
  { type: 'local-x2apic', uid: 301, x2apicId: 0x1236, state: 'online-capable' },
  { type: 'io-apic', id: 0, address: 0xfec00000, gsiBase: 0 },
];

describe('x86: which disabled Local APIC / x2APIC entries are hot-pluggable', () => {
  test('a platform below ACPI 6.3 (legacy rule, on a hypervisor): every disabled entry is possible', () => {
    for (const f of [fadt(1), fadt(3), fadt(5, 1), fadt(6, 2)]) {
      const v = parseMadt(madt(X86_ENTRIES), f);
      assert.equal(v.arch, 'x86');
      assert.deepEqual(v.cpus.map((c) => c.uid), [0, 1, 2, 300, 301], `FADT ${f.revision}.${f.minorRevision}`);
      assert.deepEqual(v.messages, []);
    }
  });

  test('ACPI 6.3 or later: a disabled entry counts only with Online Capable', () => {
    for (const f of [fadt(6, 3), fadt(6, 5), fadt(7, 0)]) {
      const v = parseMadt(madt(X86_ENTRIES, 5), f);
      assert.deepEqual(v.cpus.map((c) => c.uid), [0, 2, 301], `FADT ${f.revision}.${f.minorRevision}`);
      assert.equal(v.messages.length, 2);
      assert.match(v.messages[0]!, /LAPIC 0x2 \(UID 1\) is disabled and not online capable, ignored/);
    }
  });

  test('flags, hardware ids and 32-bit UIDs are read from both structure types', () => {
    const v = parseMadt(madt(X86_ENTRIES), fadt(3));
    assert.deepEqual(v.cpus, [
      { uid: 0, hwId: 0, enabled: true, onlineCapable: false },
      { uid: 1, hwId: 2, enabled: false, onlineCapable: false },
      { uid: 2, hwId: 4, enabled: false, onlineCapable: true },
      { uid: 300, hwId: 0x1234, enabled: false, onlineCapable: false },
      { uid: 301, hwId: 0x1236, enabled: false, onlineCapable: true },
    ]);
    assert.equal(hwIdFromMadt(v, 300), 0x1234);
    assert.equal(hwIdFromMadt(v, 7), undefined);
  });

  test("our x86 machines' MADTs: every possible CPU, only the cold-plugged ones enabled", () => {
    for (const name of ['q35', 'pc', 'pc-q35-7.2']) {
      const set = buildAcpiTables(createMachineConfig(findMachineType(name), '2,maxcpus=6'));
      const v = parseMadt(set.tables.get('APIC')!.bytes, fadt(3));
      assert.deepEqual(v.cpus.map((c) => c.enabled), [true, true, false, false, false, false], name);
    }
  });
});

const gicc = (uid: number, state: 'enabled' | 'online-capable' | 'disabled', mpidr: bigint): MadtEntry => ({
  type: 'gicc', cpuInterfaceNumber: uid, uid, state, mpidr,
});

describe('arm64: GICC flags', () => {
  const hwReduced: FadtInfo = { ...fadt(6, 5), hardwareReduced: true };

  test('Enabled or Online Capable make a CPU possible; neither makes it unusable', () => {
    const v = parseMadt(madt([
      { type: 'gicd', gicId: 0, baseAddress: 0x08000000, globalIrqBase: 0, version: 3 },
      gicc(0, 'enabled', 0n),
      gicc(1, 'online-capable', 0x1n),
      gicc(2, 'disabled', 0x2n),
      gicc(3, 'online-capable', 0x100n),
      { type: 'gicr', baseAddress: 0x080a0000, length: 0xf60000 },
    ], 5), hwReduced);
    assert.equal(v.arch, 'arm64');
    assert.equal(v.hasGicr, true);
    assert.deepEqual(v.cpus, [
      { uid: 0, hwId: 0, enabled: true, onlineCapable: false },
      { uid: 1, hwId: 1, enabled: false, onlineCapable: true },
      { uid: 3, hwId: 0x100, enabled: false, onlineCapable: true },
    ]);
    assert.deepEqual(v.messages, ['ACPI: GICC for UID 2 is neither enabled nor online capable, ignored']);
  });

  test('the Online Capable bit is not gated on any revision (unlike x86)', () => {
    const v = parseMadt(madt([gicc(0, 'enabled', 0n), gicc(1, 'online-capable', 1n)], 3), { ...fadt(5, 1), hardwareReduced: true });
    assert.equal(v.cpus.length, 2);
  });

  test('no GICR structures is noticed (Linux needs them for vCPU hot-plug)', () => {
    assert.equal(parseMadt(madt([gicc(0, 'enabled', 0n)], 5), hwReduced).hasGicr, false);
  });

  test("virt's MADT: a GICC for every possible vCPU, the rest Online Capable, GICRs present", () => {
    const set = buildAcpiTables(createMachineConfig(findMachineType('virt'), '1,maxcpus=4'));
    const v = parseMadt(set.tables.get('APIC')!.bytes, hwReduced);
    assert.deepEqual(v.cpus.map((c) => [c.enabled, c.onlineCapable]), [[true, false], [false, true], [false, true], [false, true]]);
    assert.equal(v.hasGicr, true);
  });
});

describe('malformed structures', () => {
  test('a zero or overlong structure length stops the walk with a message', () => {
    const good = madt([{ type: 'local-apic', uid: 0, apicId: 0, state: 'enabled' }, { type: 'local-apic', uid: 1, apicId: 1, state: 'disabled' }]);
    for (const bad of [0, 1, 200]) {
      const t = Uint8Array.from(good);
      t[44 + 8 + 1] = bad; // length of the second structure
      const v = parseMadt(t, fadt(3));
      assert.deepEqual(v.cpus.map((c) => c.uid), [0], `length ${bad}`);
      assert.match(v.messages[0]!, /invalid entry length/);
    }
  });

  test('structures shorter than their type needs are skipped', () => {
    const t = Uint8Array.from([...new Uint8Array(44), 0x0b, 60, ...new Uint8Array(58), 0x00, 8, 0, 0, 1, 0, 0, 0]);
    assert.deepEqual(parseMadt(t, fadt(3)).cpus.map((c) => c.uid), [0]);
  });
});

describe('_MAT: the hardware id Linux takes from the first structure', () => {
  const mat = (e: MadtEntry) => buffer(madtEntry(e));

  test('x86 entries must be Enabled and carry the UID asked for', () => {
    assert.equal(hwIdFromMat(mat({ type: 'local-apic', uid: 3, apicId: 6, state: 'enabled' }), 3), 6);
    assert.equal(hwIdFromMat(mat({ type: 'local-apic', uid: 3, apicId: 6, state: 'online-capable' }), 3), undefined);
    assert.equal(hwIdFromMat(mat({ type: 'local-apic', uid: 3, apicId: 6, state: 'enabled' }), 4), undefined);
    assert.equal(hwIdFromMat(mat({ type: 'local-x2apic', uid: 300, x2apicId: 0x1234, state: 'enabled' }), 300), 0x1234);
  });

  test('a GICC counts when Enabled or Online Capable', () => {
    assert.equal(hwIdFromMat(mat(gicc(5, 'enabled', 0x105n)), 5), 0x105);
    assert.equal(hwIdFromMat(mat(gicc(5, 'online-capable', 0x105n)), 5), 0x105);
    assert.equal(hwIdFromMat(mat(gicc(5, 'disabled', 0x105n)), 5), undefined);
  });

  test('anything else gives nothing (Linux then falls back to the MADT)', () => {
    assert.equal(hwIdFromMat(undefined, 0), undefined);
    assert.equal(hwIdFromMat(buffer(new Uint8Array([0, 8, 0])), 0), undefined, 'truncated');
    assert.equal(hwIdFromMat(buffer(new Uint8Array(0)), 0), undefined);
  });
});
