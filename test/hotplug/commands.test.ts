// The commands of the modern block and the flags actions with side effects: the event
// search, _OST, eject and the firmware hand-over (reference/qemu-cpuhp.md §1.4, §2).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DATA, FLAGS, command, flagsOf, make, select } from './rig.ts';

describe('command 0: get next CPU with event', () => {
  test('the search starts at the selector itself (inclusive)', () => {
    const { c } = make();
    c.plug(1, {}, true);
    c.plug(2, {}, true);
    select(c, 2);
    command(c, 0);
    assert.equal(c.read(DATA, 4), 2);
  });

  test('the search wraps around past the last slot and moves the selector', () => {
    const { c } = make();
    c.plug(1, {}, true);
    select(c, 2);
    command(c, 0);
    assert.equal(c.snapshot().selector, 1);
    assert.equal(c.read(DATA, 4), 1);
  });

  test('with no event anywhere the selector is unchanged', () => {
    const { c } = make();
    select(c, 3);
    command(c, 0);
    assert.equal(c.read(DATA, 4), 3);
  });

  test('remove and fw_remove count as events; the search changes no flags', () => {
    const { c } = make();
    c.plug(3, {}, false);
    select(c, 3);
    c.write(FLAGS, 1, 0x10);
    c.plug(2, {}, false);
    c.unplugRequest(2);
    select(c, 0);
    command(c, 0);
    assert.equal(c.read(DATA, 4), 2);
    select(c, 3);
    command(c, 0);
    assert.equal(c.read(DATA, 4), 3);
    assert.deepEqual([flagsOf(c, 2), flagsOf(c, 3)], [0x05, 0x11]);
  });
});

describe('_OST: commands 1 and 2', () => {
  test('command 1 stores the OST event and emits nothing', () => {
    const { c, log } = make();
    select(c, 1);
    command(c, 1);
    c.write(DATA, 4, 0x1234);
    assert.equal(c.slot(1).ostEvent, 0x1234);
    assert.deepEqual(log.ost, []);
  });

  test('command 2 stores the status and emits ACPI_DEVICE_OST with the device id', () => {
    const { c, log } = make({}, Array.from({ length: 12 }, (_, i) => i));
    c.plug(10, { id: 'cpu10' }, true);
    select(c, 10);
    command(c, 1);
    c.write(DATA, 4, 0x01);
    command(c, 2);
    c.write(DATA, 4, 0xabcdef01);
    assert.deepEqual(log.ost, [{ device: 'cpu10', slot: '10', 'slot-type': 'CPU', source: 1, status: 0xabcdef01 }]);
  });

  test('ACPI_DEVICE_OST has no device for a CPU without an id or an empty slot', () => {
    const { c, log } = make();
    c.plug(1, {}, true);
    for (const i of [1, 2]) {
      select(c, i);
      command(c, 2);
      c.write(DATA, 4, 0);
    }
    assert.deepEqual(log.ost.map((o) => 'device' in o), [false, false]);
  });

  test('commands 0 and 3 ignore command-data writes', () => {
    const { c, log } = make();
    select(c, 1);
    const before = c.snapshot();
    for (const cmd of [0, 3]) {
      command(c, cmd);
      c.write(DATA, 4, 7);
    }
    assert.deepEqual(c.snapshot().slots, before.slots);
    assert.deepEqual(log.ost, []);
  });
});

describe('eject (flags bit 3) and firmware hand-over (bit 4)', () => {
  test('ejecting the boot CPU is refused', () => {
    const { c, log } = make();
    select(c, 0);
    c.write(FLAGS, 1, 0x08);
    assert.deepEqual(log.ejects, []);
    assert.deepEqual(log.traces.at(-1), { name: 'cpuhp_acpi_ejecting_invalid_cpu', idx: 0 });
  });

  test('ejecting an empty slot is refused', () => {
    const { c, log } = make();
    select(c, 3);
    c.write(FLAGS, 1, 0x08);
    assert.deepEqual(log.ejects, []);
    assert.deepEqual(log.traces.at(-1), { name: 'cpuhp_acpi_ejecting_invalid_cpu', idx: 3 });
  });

  test('ejecting a valid slot runs the machine unplug and empties the slot', () => {
    const { c, log } = make();
    c.plug(2, { id: 'cpu2' }, false);
    c.unplugRequest(2);
    select(c, 2);
    c.write(FLAGS, 1, 0x04);
    c.write(FLAGS, 1, 0x08);
    assert.deepEqual(log.ejects, [2]);
    assert.equal(c.slot(2).cpu, undefined);
    assert.equal(c.read(FLAGS, 1), 0x00);
  });

  test('an eject leaves a pending insert event in place', () => {
    const { c } = make();
    c.plug(2, {}, true);
    select(c, 2);
    c.write(FLAGS, 1, 0x08);
    assert.equal(c.read(FLAGS, 1), 0x02);
  });

  test('fw_remove is refused for the boot CPU and for an empty slot', () => {
    const { c, log } = make();
    for (const i of [0, 3]) {
      select(c, i);
      c.write(FLAGS, 1, 0x10);
      assert.equal(c.read(FLAGS, 1) & 0x10, 0);
      assert.deepEqual(log.traces.at(-2), { name: 'cpuhp_acpi_fw_remove_invalid_cpu', idx: i });
    }
  });

  test('a bootIndex other than 0 protects that slot instead', () => {
    const { c, log } = make({ bootIndex: 2 });
    c.plug(2, {}, false);
    select(c, 2);
    c.write(FLAGS, 1, 0x08);
    select(c, 0);
    c.write(FLAGS, 1, 0x08);
    assert.deepEqual(log.ejects, [0]);
  });
});
