// Differential: our CPU hot-plug AML and MADT for the 7.2 machine types against
// QEMU 7.2's own tables, from a live qemu-system-x86_64 when it is installed and
// from the committed dumps (test/data/qemu-7.2, made by the same harness) always.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { buildAcpiTables } from '../../src/machine/acpi-build.ts';
import { DEVICE_OP, METHOD_OP, findNamedObject } from './aml-objects.ts';
import { requirePeer, QEMU_PEER } from './peer.ts';
import { dumpQemuTables } from './qemu-tables.ts';

const CASES = [
  { machine: 'pc-q35-7.2', qemuMachine: 'q35', smp: '1,maxcpus=4', dir: 'smp-1-4', resRoot: '\\_SB.PCI0' },
  { machine: 'pc-q35-7.2', qemuMachine: 'q35', smp: '2,maxcpus=255', dir: 'smp-2-255', resRoot: '\\_SB.PCI0' },
  { machine: 'pc-i440fx-7.2', qemuMachine: 'pc', smp: '1,maxcpus=4', dir: 'smp-1-4', resRoot: '\\_SB.PCI0' },
  { machine: 'pc-i440fx-7.2', qemuMachine: 'pc', smp: '2,maxcpus=255', dir: 'smp-2-255', resRoot: '\\_SB.PCI0' },
] as const;

const fixture = (machine: string, dir: string, sig: string) =>
  new Uint8Array(readFileSync(new URL(`../data/qemu-7.2/${machine}/${dir}/${sig}.aml`, import.meta.url)));

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Compares one object at a time, so a failure names the object that differs. */
function assertSameCpuHotplug(ours: Map<string, Uint8Array>, qemu: Map<string, Uint8Array>, resRoot: string): void {
  const objects = [
    ['PRES', DEVICE_OP, `${resRoot}.PRES`],
    ['CPUS', DEVICE_OP, '\\_SB.CPUS'],
    ['_E02', METHOD_OP, '\\_GPE._E02'],
  ] as const;
  for (const [label, op, path] of objects) {
    const a = findNamedObject(ours.get('DSDT')!, op, path);
    const b = findNamedObject(qemu.get('DSDT')!, op, path);
    assert.ok(a.length > 0);
    assert.equal(hex(a), hex(b), `${label} (${path}) differs from QEMU 7.2's`);
  }
  assert.equal(hex(ours.get('APIC')!), hex(qemu.get('APIC')!), 'MADT differs from QEMU 7.2\'s');
}

function ourTables(machine: string, smp: string): Map<string, Uint8Array> {
  const set = buildAcpiTables(createMachineConfig(findMachineType(machine), smp));
  return new Map([...set.tables].map(([sig, t]) => [sig, t.bytes]));
}

for (const c of CASES) {
  describe(`${c.machine} -smp ${c.smp} against QEMU 7.2`, () => {
    test('PRES, CPUS, _E02 and the MADT equal the committed QEMU 7.2 dump byte for byte', () => {
      const qemu = new Map(['DSDT', 'APIC'].map((s) => [s, fixture(c.machine, c.dir, s)]));
      assertSameCpuHotplug(ourTables(c.machine, c.smp), qemu, c.resRoot);
    });

    test('PRES, CPUS, _E02 and the MADT equal a live QEMU 7.2 byte for byte', { timeout: 60_000 }, async (t) => {
      if (!requirePeer(t, QEMU_PEER)) return;
      const qemu = await dumpQemuTables({ machine: c.qemuMachine, smp: c.smp });
      assertSameCpuHotplug(ourTables(c.machine, c.smp), qemu, c.resRoot);
    });
  });
}

test('a one-byte change in the CPU AML is caught by the comparison', () => {
  const ours = ourTables('pc-q35-7.2', '1,maxcpus=4');
  const dsdt = ours.get('DSDT')!.slice();
  const cpus = findNamedObject(dsdt, DEVICE_OP, '\\_SB.CPUS');
  cpus[cpus.length - 1] = cpus[cpus.length - 1]! ^ 0x01;
  const qemu = new Map(['DSDT', 'APIC'].map((s) => [s, fixture('pc-q35-7.2', 'smp-1-4', s)]));
  assert.throws(() => assertSameCpuHotplug(new Map([...ours, ['DSDT', dsdt]]), qemu, '\\_SB.PCI0'), /CPUS/);
});
