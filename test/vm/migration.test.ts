// Migration as qemu-cpuhp.md §6.3 tells it: the guest keeps running the AML its
// machine booted with, against the destination's register block. Between the 7.2
// and current versions of a chipset, and between virt machines whose AML differs,
// no CPU may disappear. QEMU's reverted design that put presence in a new register
// bit (CPRS, §5.1; cpuhp's virt-9.2 has it, as the arm64 RFC V5) fails the very same
// story against a block that keeps QEMU's ABI: its CPUs' _STA drops to 0. cpuhp's
// own virt therefore serves the bit to a guest migrated in from virt-9.2.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HotplugStateError } from '../../src/hotplug/index.ts';
import { buildAcpiTables } from '../../src/machine/acpi-build.ts';
import { Machine } from '../../src/machine/machine.ts';
import { MachineStateError } from '../../src/machine/machine-state.ts';
import { createMachineConfig, type MachineConfig } from '../../src/machine/possible-cpus.ts';
import { madtEntry } from '../../src/acpi/index.ts';
import { migrationStory, type } from './migration-story.ts';
import { add, cpuPath, del, guestOnline, makeRig, migrate, notifies, timelineMark, vmmOnline } from './rig.ts';

describe('across versions of one chipset, the booted guest keeps working', () => {
  const pairs: [string, string][] = [
    ['pc-q35-7.2', 'q35'],
    ['q35', 'pc-q35-7.2'],
    ['pc-i440fx-7.2', 'pc'],
    ['pc', 'pc-i440fx-7.2'],
    ['q35', 'q35'],
    ['virt', 'virt'],
    ['virt-9.2', 'virt'],
    ['virt', 'virt-9.2'],
    ['virt-9.2', 'virt-9.2'],
  ];
  for (const [from, to] of pairs) {
    test(`${from} → ${to}`, () => {
      const { before, after, rig } = migrationStory({ source: from, destination: type(to) });
      assert.deepEqual(before, []);
      assert.deepEqual(after, []);
      assert.equal(rig.machine.config.type.name, to, 'the guest runs on the destination now');
    });
  }

  test('and back again: pc-q35-7.2 → q35 → pc-q35-7.2', () => {
    const rig = makeRig('pc-q35-7.2', '1,maxcpus=4');
    add(rig, 1);
    rig.guest.runUntilIdle();
    migrate(rig, type('q35'));
    add(rig, 2);
    rig.guest.runUntilIdle();
    migrate(rig, type('pc-q35-7.2'));
    del(rig, 1);
    add(rig, 3);
    rig.guest.runUntilIdle();
    assert.deepEqual(guestOnline(rig), vmmOnline(rig));
    assert.deepEqual(vmmOnline(rig), [0, 2, 3]);
    for (const i of [0, 2, 3]) assert.equal(rig.guest.processorStatus(cpuPath(i)), 0x0f);
  });
});

describe("the guest's AML decides, not the destination's", () => {
  // The remove-behind-insert case tells the two CSCNs apart (test/vm/remove-behind-insert.test.ts).
  const removeBehindInsert = (source: string, destination: string) => {
    const rig = makeRig(source, '1,maxcpus=4');
    migrate(rig, type(destination));
    const mark = timelineMark(rig);
    add(rig, 2);
    del(rig, 2);
    rig.guest.runUntilIdle();
    return { rig, handled: notifies(rig, mark).map((n) => `${n.path}:${n.value}`) };
  };

  test('booted on pc-q35-7.2, running on q35: the remove still waits for the next SCI', () => {
    const { rig, handled } = removeBehindInsert('pc-q35-7.2', 'q35');
    assert.deepEqual(handled, [`${cpuPath(2)}:1`]);
    assert.equal(rig.machine.controller.slot(2).removing, true);
  });

  test('booted on q35, running on pc-q35-7.2: the remove is handled in the same SCI', () => {
    const { rig, handled } = removeBehindInsert('q35', 'pc-q35-7.2');
    assert.deepEqual(handled, [`${cpuPath(2)}:1`, `${cpuPath(2)}:3`]);
    assert.equal(rig.machine.vcpu(2), undefined);
  });
});

describe('arm64: a destination virt built with different AML still serves the booted guest', () => {
  test("a destination whose CSCN is QEMU 7.2's", () => {
    const destination = type('virt', { scan: 'inserts' });
    // The destination's own tables really differ from what the guest runs.
    const smp = '1,maxcpus=6';
    const ours = buildAcpiTables(createMachineConfig(type('virt'), smp)).tables.get('DSDT')!.bytes;
    const theirs = buildAcpiTables(createMachineConfig(destination, smp)).tables.get('DSDT')!.bytes;
    assert.notDeepEqual(theirs, ours);

    const { before, after, rig } = migrationStory({ source: 'virt', destination, smp });
    assert.deepEqual(before, []);
    assert.deepEqual(after, []);
    // ...and the guest still uses its own (batching) CSCN there.
    const mark = timelineMark(rig);
    add(rig, 5);
    del(rig, 5);
    rig.guest.runUntilIdle();
    assert.deepEqual(notifies(rig, mark).map((n) => n.value), [1, 3]);
  });

  test('a destination whose _MAT entries differ (GICC Online Capable instead of Enabled)', () => {
    // Linux accepts either flag in a GICC _MAT, so both builds are valid; the guest
    // keeps the _MAT it booted with, whatever the destination would have built.
    const smp = '1,maxcpus=6';
    const base = createMachineConfig(type('virt'), smp);
    const destination: MachineConfig = {
      ...base,
      platform: {
        ...base.platform,
        matEntry: (cpu) => madtEntry({ type: 'gicc', cpuInterfaceNumber: cpu.index, uid: cpu.index, state: 'online-capable', mpidr: BigInt(cpu.archId) }),
      },
    };
    assert.notDeepEqual(buildAcpiTables(destination).tables.get('DSDT')!.bytes, buildAcpiTables(base).tables.get('DSDT')!.bytes);
    const { before, after } = migrationStory({ source: 'virt', destination, smp });
    assert.deepEqual([...before, ...after], []);
  });
});

describe('streams that cannot be loaded give a clear error and build nothing', () => {
  test('another chipset', () => {
    const src = new Machine(createMachineConfig(type('q35'), '1,maxcpus=4')).saveState();
    for (const to of ['pc', 'pc-i440fx-7.2', 'virt']) {
      assert.throws(
        () => new Machine(createMachineConfig(type(to), '1,maxcpus=4'), src),
        (e: unknown) => e instanceof MachineStateError && e.code === 'wrong-machine' && /machine 'q35' into '.*' \(chipset q35, not /.test(e.message),
      );
    }
  });

  test('a 7.2 machine whose guest never switched to the modern block cannot go to the current type', () => {
    const src = new Machine(createMachineConfig(type('pc-q35-7.2'), '1,maxcpus=4'));
    assert.equal(src.controller.mode, 'legacy');
    assert.throws(() => new Machine(createMachineConfig(type('q35'), '1,maxcpus=4'), src.saveState()), HotplugStateError);
  });
});

describe("QEMU's reverted CPRS design (presence in flags bit 5) fails the same story", () => {
  // The source is a variant of the destination's own type with the bit, so the stream
  // names the destination's type: an older QEMU that never had the bit (why QEMU
  // reverted it on x86), or any block that keeps QEMU's 12-byte ABI.
  for (const name of ['q35', 'virt']) {
    test(`${name} with CPRS → ${name} without it: the CPUs' _STA drops to 0`, () => {
      const { before, after, rig } = migrationStory({ source: type(name, { cpuPresentBit: true }), destination: type(name) });
      assert.deepEqual(before, [], 'on the source, with the bit, the variant works');
      assert.ok(after.length > 0, 'the story fails after migration');
      assert.ok(after.includes(`after migration: _STA of ${cpuPath(1)} is 0x0, expected 0xf`), after.join('\n'));
      assert.ok(after.some((v) => /guest online .* but the VMM runs/.test(v)), 'hot-added CPUs never come online');
      for (let i = 0; i < rig.config.cpus.length; i++) assert.equal(rig.guest.processorStatus(cpuPath(i)), 0, `${cpuPath(i)} vanished`);
    });
  }

  test('virt-9.2 reads 0x0D for a disabled vCPU through the bit, as the RFC does', () => {
    const rig = makeRig('virt-9.2', '1,maxcpus=4');
    assert.deepEqual([0, 1].map((i) => rig.guest.processorStatus(cpuPath(i))), [0x0f, 0x0d]);
    add(rig, 1);
    rig.guest.runUntilIdle();
    del(rig, 1);
    rig.guest.runUntilIdle();
    assert.deepEqual(guestOnline(rig), vmmOnline(rig));
  });

  test('a virt that took over a virt-9.2 guest serves the bit until the guest reboots on its own tables', () => {
    const rig = makeRig('virt-9.2', '1,maxcpus=4');
    const destination = migrate(rig, type('virt'));
    assert.equal(destination.guestTables, 'virt-9.2');
    assert.equal(destination.controller.presentBit, true);
    // And on to another virt: the guest still runs virt-9.2's AML.
    const next = migrate(rig, type('virt'));
    assert.equal(next.guestTables, 'virt-9.2');
    assert.equal(next.controller.presentBit, true);
    next.reset();
    assert.equal(next.guestTables, 'virt');
    assert.equal(next.controller.presentBit, false, "QEMU's ABI again once the guest boots on virt's tables");
  });
});
