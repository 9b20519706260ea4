// Differential: our CPU hot-plug AML and MADT for the QEMU-exact x86 machine types
// (7.2 and 10.0) against that QEMU's own tables, from a live QEMU when it is
// installed and from the committed dumps (test/data/qemu-<version>, made by the
// same harness) always.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { buildAcpiTables } from '../../src/machine/acpi-build.ts';
import { DEVICE_OP, METHOD_OP, findNamedObject } from './aml-objects.ts';
import { requirePeer } from './peer.ts';
import { dumpQemuTables } from './qemu-tables.ts';
import { configDir, QEMU_RELEASES, smpOf, QEMU_72 } from './qemu-releases.ts';

const CASES = QEMU_RELEASES.flatMap((release) =>
  release.tableConfigs.map((c) => ({
    release,
    machine: release.types[c.machine],
    qemuMachine: c.machine,
    smp: smpOf(c),
    dir: configDir(c),
    resRoot: '\\_SB.PCI0',
  })),
);

const fixture = (version: string, machine: string, dir: string, sig: string) =>
  new Uint8Array(readFileSync(new URL(`../data/qemu-${version}/${machine}/${dir}/${sig}.aml`, import.meta.url)));

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Compares one object at a time, so a failure names the object that differs. */
function assertSameCpuHotplug(ours: Map<string, Uint8Array>, qemu: Map<string, Uint8Array>, resRoot: string, version: string): void {
  const objects = [
    ['PRES', DEVICE_OP, `${resRoot}.PRES`],
    ['CPUS', DEVICE_OP, '\\_SB.CPUS'],
    ['_E02', METHOD_OP, '\\_GPE._E02'],
  ] as const;
  for (const [label, op, path] of objects) {
    const a = findNamedObject(ours.get('DSDT')!, op, path);
    const b = findNamedObject(qemu.get('DSDT')!, op, path);
    assert.ok(a.length > 0);
    assert.equal(hex(a), hex(b), `${label} (${path}) differs from QEMU ${version}'s`);
  }
  assert.equal(hex(ours.get('APIC')!), hex(qemu.get('APIC')!), `MADT differs from QEMU ${version}'s`);
}

function ourTables(machine: string, smp: string): Map<string, Uint8Array> {
  const set = buildAcpiTables(createMachineConfig(findMachineType(machine), smp));
  return new Map([...set.tables].map(([sig, t]) => [sig, t.bytes]));
}

for (const c of CASES) {
  const v = c.release.version;
  describe(`${c.machine} -smp ${c.smp} against QEMU ${v}`, () => {
    test(`PRES, CPUS, _E02 and the MADT equal the committed QEMU ${v} dump byte for byte`, () => {
      const qemu = new Map(['DSDT', 'APIC'].map((s) => [s, fixture(v, c.machine, c.dir, s)]));
      assertSameCpuHotplug(ourTables(c.machine, c.smp), qemu, c.resRoot, v);
    });

    test(`PRES, CPUS, _E02 and the MADT equal a live QEMU ${v} byte for byte`, { timeout: 60_000 }, async (t) => {
      if (!requirePeer(t, c.release.peer)) return;
      const qemu = await dumpQemuTables({ machine: c.qemuMachine, smp: c.smp, qemu: c.release.peer.command, extraArgs: c.release.args });
      assertSameCpuHotplug(ourTables(c.machine, c.smp), qemu, c.resRoot, v);
    });
  });
}

test('a one-byte change in the CPU AML is caught by the comparison', () => {
  const ours = ourTables('pc-q35-7.2', '1,maxcpus=4');
  const dsdt = ours.get('DSDT')!.slice();
  const cpus = findNamedObject(dsdt, DEVICE_OP, '\\_SB.CPUS');
  cpus[cpus.length - 1] = cpus[cpus.length - 1]! ^ 0x01;
  const qemu = new Map(['DSDT', 'APIC'].map((s) => [s, fixture(QEMU_72.version, 'pc-q35-7.2', 'smp-1-4', s)]));
  assert.throws(() => assertSameCpuHotplug(new Map([...ours, ['DSDT', dsdt]]), qemu, '\\_SB.PCI0', QEMU_72.version), /CPUS/);
});

test('the 10.0 types differ from the 7.2 types in CPUS (CSCN) and the MADT revision, not in PRES', () => {
  const at = (machine: string) => ourTables(machine, '1,maxcpus=4');
  const [a, b] = [at('pc-q35-7.2'), at('pc-q35-10.0')];
  const object = (t: Map<string, Uint8Array>, op: readonly number[], path: string) => hex(findNamedObject(t.get('DSDT')!, op, path));
  assert.equal(object(a, DEVICE_OP, '\\_SB.PCI0.PRES'), object(b, DEVICE_OP, '\\_SB.PCI0.PRES'));
  assert.notEqual(object(a, DEVICE_OP, '\\_SB.CPUS'), object(b, DEVICE_OP, '\\_SB.CPUS'));
  assert.deepEqual([a.get('APIC')![8], b.get('APIC')![8]], [1, 3]);
});
