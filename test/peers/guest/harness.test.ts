// The real-guest harness's own pieces, without a guest: the cpio writer, the DSDT
// splice that puts cpuhp's CPU hot-plug objects into a real QEMU's DSDT (arm64 and
// x86), the header rules of the initrd table upgrade, and the ACPI 6.3 adaptation
// Linux 6.12 needs under TCG.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sumsToZero } from '../../../src/acpi/index.ts';
import { Interpreter } from '../../../src/aml/interp/index.ts';
import { buildAcpiTables } from '../../../src/machine/acpi-build.ts';
import { findMachineType } from '../../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../../src/machine/possible-cpus.ts';
import { IASL_PEER, requirePeer } from '../peer.ts';
import { asUpgradeOf, cpuhpUpgrade, GED_CPU_HOTPLUG_OBJECTS } from './acpi-upgrade.ts';
import { acpi63Upgrade, asAcpi63Fadt, withOnlineCapable } from './acpi63.ts';
import { writeCpio } from './cpio.ts';
import { definitionOf, spliceObjects } from './dsdt-splice.ts';
import { tableUpgradeArchive } from './initramfs.ts';
import { RFC_FIXTURE_ROOT } from './rfc-fixtures.ts';
import { X86_CPU_HOTPLUG_OBJECTS } from './x86-machine.ts';

const rfcDsdt = readFileSync(join(RFC_FIXTURE_ROOT, 'smp-2-4', 'DSDT.aml'));
const rfcMadt = readFileSync(join(RFC_FIXTURE_ROOT, 'smp-2-4', 'APIC.aml'));
const virt = buildAcpiTables(createMachineConfig(findMachineType('virt'), '2,maxcpus=4')).tables;
const hex = (b: Uint8Array | undefined) => Buffer.from(b ?? []).toString('hex');

describe('writeCpio (newc)', () => {
  test('what it writes is what `cpio -t` lists, with sizes and modes', (t) => {
    if (!requirePeer(t, { command: 'cpio', package: 'cpio' })) return;
    const archive = writeCpio([
      { name: 'bin', kind: 'dir', perm: 0o755 },
      { name: 'bin/hello', kind: 'file', perm: 0o755, data: new TextEncoder().encode('hi\n') },
      { name: 'dev/console', kind: 'chardev', perm: 0o600, major: 5, minor: 1 },
    ]);
    assert.equal(archive.length % 4, 0);
    const listing = execFileSync('cpio', ['-itv', '--quiet'], { input: archive, encoding: 'utf8' });
    assert.match(listing, /^drwxr-xr-x .* bin$/m);
    assert.match(listing, /^-rwxr-xr-x .* 3 .* bin\/hello$/m);
    assert.match(listing, /^crw------- .* 5,\s+1 .* dev\/console$/m);
  });

  test('an early table archive is padded to 512 bytes and names kernel/firmware/acpi/*', () => {
    const a = tableUpgradeArchive([{ name: 'dsdt.aml', bytes: new Uint8Array(7) }]);
    assert.equal(a.length % 512, 0);
    assert.ok(Buffer.from(a).includes('kernel/firmware/acpi/dsdt.aml'));
  });

  test('refuses absolute and empty names', () => {
    assert.throws(() => writeCpio([{ name: '/etc', kind: 'dir', perm: 0o755 }]), RangeError);
    assert.throws(() => writeCpio([{ name: '', kind: 'dir', perm: 0o755 }]), RangeError);
  });
});

describe("spliceObjects: cpuhp's CPU hot-plug objects in the RFC's DSDT", () => {
  const spliced = spliceObjects(rfcDsdt, virt.get('DSDT')!.bytes, GED_CPU_HOTPLUG_OBJECTS);

  test("every spliced object is cpuhp's, byte for byte, in its scope", () => {
    for (const path of GED_CPU_HOTPLUG_OBJECTS) {
      const mine = definitionOf(virt.get('DSDT')!.bytes, path)!;
      assert.equal(hex(definitionOf(spliced, path)?.bytes), hex(mine.bytes), path);
    }
    // PRES and CPUS really change (the GED and its CSCN are the same bytes on both).
    for (const path of ['\\_SB.PRES', '\\_SB.CPUS']) assert.notEqual(hex(definitionOf(rfcDsdt, path)?.bytes), hex(definitionOf(spliced, path)?.bytes), path);
  });

  test("the rest of the RFC's DSDT stays, and the header says the new length and sums to zero", () => {
    for (const path of ['\\_SB.COM0', '\\_SB.PWRB', '\\_SB.FWCF']) assert.equal(hex(definitionOf(spliced, path)?.bytes), hex(definitionOf(rfcDsdt, path)?.bytes), path);
    assert.equal(new DataView(spliced.buffer, spliced.byteOffset).getUint32(4, true), spliced.length);
    assert.ok(sumsToZero(spliced));
  });

  test('the spliced table loads and its CPU objects evaluate', () => {
    const interp = new Interpreter({});
    const mem = new Map<bigint, bigint>();
    interp.installAddressSpaceHandler('SystemMemory', { read: (a) => mem.get(a) ?? 0n, write: (a, _w, v) => void mem.set(a, v) });
    interp.loadTable(spliced);
    mem.set(0x090c0004n, 0n); // flags: not enabled
    const sta = interp.evaluate('\\_SB.CPUS.C003._STA');
    assert.equal(sta?.kind === 'integer' ? sta.value : undefined, 0x0dn, "cpuhp's CSTA: present, not enabled");
  });

  test('iasl disassembles it without errors', (t) => {
    if (!requirePeer(t, IASL_PEER)) return;
    const dir = mkdtempSync(join(tmpdir(), 'cpuhp-splice-'));
    try {
      writeFileSync(join(dir, 'dsdt.aml'), spliced);
      const out = execFileSync('iasl', ['-d', 'dsdt.aml'], { cwd: dir, encoding: 'utf8' });
      assert.doesNotMatch(out, /Error|Warning/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an object missing on either side is an error, not a silent keep', () => {
    assert.throws(() => spliceObjects(rfcDsdt, virt.get('DSDT')!.bytes, ['\\_SB.NOPE']), /not defined in the target/);
    assert.throws(() => spliceObjects(rfcDsdt, virt.get('DSDT')!.bytes, ['\\_SB.COM0']), /not defined in the source/);
  });
});

describe('asUpgradeOf: the initrd table upgrade rules', () => {
  test("takes the firmware table's OEM ids, a higher OEM revision, and a right checksum", () => {
    const up = asUpgradeOf(virt.get('APIC')!.bytes, rfcMadt);
    assert.equal(new TextDecoder().decode(up.subarray(10, 24)), new TextDecoder().decode(rfcMadt.subarray(10, 24)));
    assert.equal(Buffer.from(up).readUInt32LE(24), Buffer.from(rfcMadt).readUInt32LE(24) + 1);
    assert.ok(sumsToZero(up));
    assert.equal(hex(up.subarray(36)), hex(virt.get('APIC')!.bytes.subarray(36)), 'the body is ours');
  });

  test('refuses to replace a table of another signature', () => {
    assert.throws(() => asUpgradeOf(virt.get('DSDT')!.bytes, rfcMadt), /cannot replace/);
  });

  test('cpuhpUpgrade gives the spliced DSDT and our MADT', () => {
    const [dsdt, madt] = cpuhpUpgrade({ dsdt: rfcDsdt, madt: rfcMadt }, { dsdt: virt.get('DSDT')!.bytes, madt: virt.get('APIC')!.bytes }, GED_CPU_HOTPLUG_OBJECTS);
    assert.equal(dsdt?.name, 'dsdt.aml');
    assert.equal(madt?.name, 'apic.aml');
  });
});

describe("spliceObjects on x86: cpuhp's CPU hot-plug objects in QEMU 7.2's DSDT", () => {
  const qemuDir = join(RFC_FIXTURE_ROOT, '..', 'qemu-7.2');
  for (const [machine, fixture] of [['q35', 'pc-q35-7.2'], ['pc', 'pc-i440fx-7.2']] as const) {
    test(`${machine}: PRES, CPUS and _GPE._E02 become cpuhp's, the rest stays QEMU's`, () => {
      const qemu = readFileSync(join(qemuDir, fixture, 'smp-1-4', 'DSDT.aml'));
      const ours = buildAcpiTables(createMachineConfig(findMachineType(machine), '1,maxcpus=4')).tables.get('DSDT')!.bytes;
      const spliced = spliceObjects(qemu, ours, X86_CPU_HOTPLUG_OBJECTS);
      for (const path of X86_CPU_HOTPLUG_OBJECTS) assert.equal(hex(definitionOf(spliced, path)?.bytes), hex(definitionOf(ours, path)?.bytes), path);
      // cpuhp's current form has no _INI: QEMU 7.2's PRES really changes.
      assert.notEqual(hex(definitionOf(qemu, '\\_SB.PCI0.PRES')?.bytes), hex(definitionOf(spliced, '\\_SB.PCI0.PRES')?.bytes));
      for (const path of ['\\_SB.PCI0', '\\_SB.PCI0.FWCF']) {
        if (definitionOf(qemu, path)) assert.ok(definitionOf(spliced, path), path);
      }
      assert.ok(sumsToZero(spliced));
      const interp = new Interpreter({});
      const io = new Map<bigint, bigint>();
      interp.installAddressSpaceHandler('SystemIO', { read: (a) => io.get(a) ?? 0n, write: (a, _w, v) => void io.set(a, v) });
      interp.loadTable(spliced);
      const sta = interp.evaluate('\\_SB.CPUS.C002._STA');
      assert.equal(sta?.kind === 'integer' ? sta.value : undefined, 0n, 'flags 0: not present');
    });
  }
});

describe('acpi63: an FADT of revision 6.3 and Online Capable Local APICs', () => {
  const q35 = buildAcpiTables(createMachineConfig(findMachineType('q35'), '1,maxcpus=4')).tables;
  const madt = q35.get('APIC')!.bytes;

  test('every disabled Local APIC gets Online Capable; enabled ones and other entries stay', () => {
    const out = withOnlineCapable(madt);
    const lapics = (t: Uint8Array) => {
      const flags: number[] = [];
      for (let at = 44; at < t.length; at += t[at + 1]!) if (t[at] === 0) flags.push(t[at + 4]!);
      return flags;
    };
    assert.deepEqual(lapics(madt), [1, 0, 0, 0]);
    assert.deepEqual(lapics(out), [1, 2, 2, 2]);
    assert.equal(out.length, madt.length);
  });

  test('a malformed MADT entry is an error', () => {
    const bad = Uint8Array.from(madt);
    bad[45] = 0;
    assert.throws(() => withOnlineCapable(bad), /bad entry length/);
  });

  test("the FADT keeps its fields, grows to 276 bytes and says 6.3; acpi63Upgrade adds it and marks the MADT", () => {
    const fadt = q35.get('FACP')!.bytes;
    const up = asAcpi63Fadt(fadt);
    assert.equal(up.length, 276);
    assert.equal(up[8], 6);
    assert.equal(up[131], 3);
    assert.equal(Buffer.from(up).readUInt32LE(4), 276);
    assert.equal(hex(up.subarray(36, fadt.length).filter((_, i) => i !== 131 - 36)), hex(fadt.subarray(36).filter((_, i) => i !== 131 - 36)));
    const list = acpi63Upgrade([{ name: 'dsdt.aml', bytes: q35.get('DSDT')!.bytes }], { dsdt: q35.get('DSDT')!.bytes, madt, fadt });
    assert.deepEqual(list.map((t) => t.name), ['dsdt.aml', 'apic.aml', 'facp.aml']);
    assert.ok(list.every((t) => sumsToZero(t.bytes)));
    assert.throws(() => acpi63Upgrade([], { dsdt: q35.get('DSDT')!.bytes, madt }), /FADT is needed/);
  });
});
