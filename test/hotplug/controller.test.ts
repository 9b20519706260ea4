// The host side of the controller: QEMU's hot-plug callbacks (reference/qemu-cpuhp.md
// §1.5), the presence rule per architecture, and the API's error contract.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CpuHotplugController,
  CpuHotplugError,
  PRESENCE_ALWAYS,
  type HotplugControllerOptions,
} from '../../src/hotplug/index.ts';
import { makeController } from './rig.ts';

function make(over: Partial<HotplugControllerOptions> = {}) {
  return makeController({ bootId: 'boot', over });
}

const flagsOf = (c: CpuHotplugController, i: number) => (c.write(0, 4, i), c.read(4, 1));
const eject = (c: CpuHotplugController, i: number) => (c.write(0, 4, i), c.write(4, 1, 0x08));
const isCode = (code: string) => (e: unknown) => e instanceof CpuHotplugError && e.code === code;

describe('plug (acpi_cpu_plug_cb)', () => {
  test('a hot-plugged CPU gets an insert event and one SCI', () => {
    const { c, log } = make();
    c.plug(1, {}, true);
    assert.equal(flagsOf(c, 1), 0x03);
    assert.equal(log.sci, 1);
  });

  test('a cold-plugged CPU gets neither', () => {
    const { c, log } = make();
    c.plug(1, {}, false);
    assert.equal(flagsOf(c, 1), 0x01);
    assert.equal(log.sci, 0);
  });

  test('plugging a slot with an enabled CPU is refused and changes nothing', () => {
    const { c, log } = make();
    c.plug(1, {}, true);
    const before = c.snapshot();
    assert.throws(() => c.plug(1, {}, true), isCode('slot-occupied'));
    assert.deepEqual(c.snapshot(), before);
    assert.equal(log.sci, 1);
  });
});

describe('unplug request (acpi_cpu_unplug_request_cb)', () => {
  test('sets the remove event and raises the SCI, again on every request', () => {
    const { c, log } = make();
    c.plug(1, {}, false);
    c.unplugRequest(1);
    c.unplugRequest(1);
    assert.equal(flagsOf(c, 1), 0x05);
    assert.equal(log.sci, 2);
  });

  test('is refused for the boot CPU', () => {
    const { c } = make();
    assert.throws(() => c.unplugRequest(0), isCode('boot-cpu'));
  });

  test('is refused for a slot without an enabled CPU', () => {
    const { c } = make();
    assert.throws(() => c.unplugRequest(2), isCode('no-cpu'));
  });
});

describe('presence toggles (x86)', () => {
  test('unplug empties the slot: no CPU object, flags bit 0 clear', () => {
    const { c } = make();
    c.plug(1, { id: 'a' }, false);
    c.unplug(1);
    assert.equal(c.slot(1).cpu, undefined);
    assert.equal(flagsOf(c, 1), 0x00);
  });

  test('unplug leaves pending events alone', () => {
    const { c } = make();
    c.plug(1, {}, true);
    c.unplugRequest(1);
    c.unplug(1);
    assert.equal(flagsOf(c, 1), 0x06);
  });

  test('a new CPU object can be plugged into the emptied slot', () => {
    const { c } = make();
    c.plug(1, { id: 'a' }, false);
    c.unplug(1);
    const b = { id: 'b' };
    c.plug(1, b, true);
    assert.equal(c.slot(1).cpu, b);
  });

  test('attach of a disabled vCPU object is refused: x86 has none', () => {
    const { c } = make();
    assert.throws(() => c.attach(1, {}, false), isCode('presence'));
  });
});

describe('presence always (arm64)', () => {
  const arm = () => make({ presence: PRESENCE_ALWAYS });

  test('unplug keeps the CPU object and only clears enabled', () => {
    const { c } = arm();
    const cpu = { id: 'a' };
    c.plug(1, cpu, true);
    eject(c, 1);
    assert.equal(c.slot(1).cpu, cpu);
    assert.equal(c.slot(1).enabled, false);
    assert.equal(flagsOf(c, 1) & 0x01, 0);
  });

  test('a later plug re-enables the same slot with a new insert event', () => {
    const { c, log } = arm();
    const cpu = { id: 'a' };
    c.plug(1, cpu, false);
    c.unplug(1);
    c.plug(1, cpu, true);
    assert.equal(flagsOf(c, 1), 0x03);
    assert.equal(log.sci, 1);
  });

  test('re-plugging a disabled slot with another object is refused', () => {
    const { c } = arm();
    c.plug(1, {}, false);
    c.unplug(1);
    assert.throws(() => c.plug(1, {}, true), isCode('cpu-mismatch'));
  });

  test('a possible vCPU can be attached disabled: flags 0, object kept', () => {
    const { c } = arm();
    const cpu = {};
    c.attach(2, cpu, false);
    assert.equal(flagsOf(c, 2), 0x00);
    assert.equal(c.slot(2).cpu, cpu);
  });

  test('ejecting a disabled slot is refused even though it has an object', () => {
    const ejects: number[] = [];
    const { c } = make({ presence: PRESENCE_ALWAYS, eject: (i) => ejects.push(i) });
    c.attach(2, {}, false);
    eject(c, 2);
    assert.deepEqual(ejects, []);
  });

  test('unplug of a disabled slot is refused', () => {
    const { c } = arm();
    c.attach(2, {}, false);
    assert.throws(() => c.unplug(2), isCode('no-cpu'));
  });

  test('ACPI_DEVICE_OST after an eject still names the kept object', () => {
    const { c, log } = arm();
    c.plug(1, { id: 'a' }, false);
    eject(c, 1);
    c.write(5, 1, 2);
    c.write(8, 4, 0);
    assert.equal(log.ost[0]?.device, 'a');
  });
});

describe('ospmStatus (acpi_cpu_ospm_status)', () => {
  test('lists every slot in order with its _OST values and device id', () => {
    const { c } = make();
    c.plug(2, { id: 'cpu2' }, true);
    c.write(0, 4, 2);
    c.write(5, 1, 1);
    c.write(8, 4, 1);
    assert.deepEqual(c.ospmStatus(), [
      { device: 'boot', slot: '0', 'slot-type': 'CPU', source: 0, status: 0 },
      { slot: '1', 'slot-type': 'CPU', source: 0, status: 0 },
      { device: 'cpu2', slot: '2', 'slot-type': 'CPU', source: 1, status: 0 },
      { slot: '3', 'slot-type': 'CPU', source: 0, status: 0 },
    ]);
  });
});

describe('API contract', () => {
  test('host calls with a slot index out of range throw RangeError', () => {
    const { c } = make();
    for (const bad of [-1, 4, 1.5, NaN]) {
      assert.throws(() => c.plug(bad, {}, true), RangeError);
      assert.throws(() => c.attach(bad, {}, true), RangeError);
      assert.throws(() => c.unplugRequest(bad), RangeError);
      assert.throws(() => c.unplug(bad), RangeError);
      assert.throws(() => c.slot(bad), RangeError);
    }
  });

  test('bad options throw RangeError', () => {
    assert.throws(() => make({ slots: [] }), RangeError);
    assert.throws(() => make({ slots: [{ archId: -1 }] }), RangeError);
    assert.throws(() => make({ bootIndex: 4 }), RangeError);
  });

  test('guest accesses with nonsense offsets, sizes or values never throw', () => {
    const { c } = make();
    const offsets = [-1, 0.5, 12, 13, 1e9, NaN];
    for (const o of offsets) for (const s of [1, 2, 3, 4, 8] as never[]) {
      assert.equal(c.read(o, s), 0);
      c.write(o, s, 1);
    }
    for (const v of [NaN, -1, 2 ** 40, Infinity]) c.write(0, 4, v);
    assert.equal(c.snapshot().selector, 0);
  });

  test('bytes beyond the 12-byte window are not the block\'s: they read 0 here', () => {
    const { c } = make();
    c.write(0, 4, 0);
    assert.equal(c.read(10, 4), 0);
  });

  test('a callback that throws during a guest access does not make the access throw', () => {
    const errors: [unknown, string][] = [];
    const { c } = make({
      eject: () => {
        throw new Error('machine bug');
      },
      onCallbackError: (e, which) => errors.push([e, which]),
    });
    c.plug(1, {}, false);
    eject(c, 1);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.[1], 'eject');
  });
});

describe("the arm64 RFC's presence bit (flags bit 5, CPRS)", () => {
  test("is reserved and reads 0 by default, QEMU's ABI", () => {
    const { c } = make({ presence: PRESENCE_ALWAYS });
    c.attach(1, {}, false);
    assert.equal(flagsOf(c, 0), 0x01);
    assert.equal(flagsOf(c, 1), 0x00);
  });

  test('when served, reads 1 exactly while the slot holds a vCPU object, enabled or not', () => {
    const { c } = make({ presence: PRESENCE_ALWAYS, presentBit: true });
    c.attach(1, {}, false);
    assert.deepEqual([0, 1, 2].map((i) => flagsOf(c, i)), [0x21, 0x20, 0x00]);
    c.presentBit = false;
    assert.deepEqual([0, 1, 2].map((i) => flagsOf(c, i)), [0x01, 0x00, 0x00]);
  });

  test('writing it does nothing', () => {
    const { c, log } = make({ presence: PRESENCE_ALWAYS, presentBit: true });
    c.attach(1, {}, false);
    const before = c.snapshot();
    const traces = log.traces.length;
    c.write(0, 4, 1);
    c.write(4, 1, 0x20);
    assert.deepEqual(c.snapshot().slots, before.slots);
    assert.deepEqual(log.traces.slice(traces).map((t) => t.name), ['cpuhp_acpi_write_idx']);
  });
});
