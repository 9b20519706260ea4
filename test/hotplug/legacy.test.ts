// QEMU <= 7.2's legacy block and the switch to the modern one (reference/qemu-cpuhp.md
// §2 "Legacy interface", §6.5; peers/README.md §3). Expected values were read from
// QEMU 7.2.22 (with the legacy max-access-size fix) through qtest.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CpuHotplugError,
  PRESENCE_ALWAYS,
  type HotplugControllerOptions,
} from '../../src/hotplug/index.ts';
import { makeController } from './rig.ts';

function make(archIds: readonly number[] = Array.from({ length: 24 }, (_, i) => i), over: Partial<HotplugControllerOptions> = {}) {
  return makeController({ archIds, over: { legacy: true, ...over } });
}

/** CPUs 0, 3, 9 and 17 present, as in the live check. */
function withCpus() {
  const r = make();
  for (const i of [3, 9, 17]) r.c.plug(i, { id: `cpu${i}` }, true);
  return r;
}

describe('legacy block reads', () => {
  test('starts in legacy mode with a 32-byte window', () => {
    const { c } = make();
    assert.equal(c.mode, 'legacy');
    assert.equal(c.windowLength, 32);
  });

  test('byte reads return the present bitmap, one bit per arch id', () => {
    const { c } = withCpus();
    const got = Array.from({ length: 32 }, (_, o) => c.read(o, 1));
    assert.deepEqual(got, [0x09, 0x02, 0x02, ...Array(29).fill(0)]);
  });

  test('word reads are assembled little-endian from bytes at any offset', () => {
    const { c } = withCpus();
    assert.deepEqual([0, 1, 2, 3].map((o) => c.read(o, 2)), [0x0209, 0x0202, 0x0002, 0]);
  });

  test('dword reads are assembled little-endian from bytes at any offset', () => {
    const { c } = withCpus();
    assert.deepEqual([0, 1, 2, 3].map((o) => c.read(o, 4)), [0x00020209, 0x00000202, 0x00000002, 0]);
  });

  test('a hot-plug sets the bit and raises the SCI', () => {
    const { c, log } = make();
    c.plug(5, {}, true);
    assert.equal(c.read(0, 1), 0x21);
    assert.equal(log.sci, 1);
  });

  test('reads and writes emit no trace', () => {
    const { c, log } = withCpus();
    for (let o = 0; o < 32; o++) c.read(o, 1);
    c.write(4, 1, 0);
    c.write(0, 1, 1);
    assert.deepEqual(log.traces, []);
  });

  test('query-acpi-ospm-status lists no CPUs', () => {
    const { c } = withCpus();
    assert.deepEqual(c.ospmStatus(), []);
  });

  test('device_del is refused', () => {
    const { c } = withCpus();
    assert.throws(() => c.unplugRequest(3), (e: unknown) => e instanceof CpuHotplugError && e.code === 'legacy-mode');
  });
});

describe('switch to the modern block', () => {
  const switches: [string, number, 1 | 2 | 4, number, boolean][] = [
    ['byte 0 at offset 0', 0, 1, 0x00, true],
    ['word 0x0100 at offset 0 (its low byte is 0)', 0, 2, 0x0100, true],
    ['dword 0x100 at offset 0 (its low byte is 0)', 0, 4, 0x100, true],
    ['dword 0 at offset 0 (what PRES._INI does)', 0, 4, 0, true],
    ['byte 1 at offset 0', 0, 1, 0x01, false],
    ['word 0 at offset 1', 1, 2, 0, false],
    ['byte 0 at offset 2', 2, 1, 0, false],
    ['dword 0 at offset 4', 4, 4, 0, false],
  ];
  for (const [what, offset, size, value, switched] of switches) {
    test(`${what} ${switched ? 'switches' : 'does not switch'}`, () => {
      const { c } = withCpus();
      c.write(offset, size, value);
      assert.equal(c.mode, switched ? 'modern' : 'legacy');
    });
  }

  test('the switching write is not a selector write: no trace, selector stays 0', () => {
    const { c, log } = withCpus();
    c.write(0, 4, 0x100);
    assert.deepEqual(log.traces, []);
    assert.equal(c.snapshot().selector, 0);
    assert.equal(c.windowLength, 12);
  });

  test('CPUs plugged in legacy mode read enabled with no insert event', () => {
    const { c } = withCpus();
    c.write(0, 4, 0);
    c.write(0, 4, 3);
    assert.equal(c.read(4, 1), 0x01);
    c.write(5, 1, 0);
    assert.equal(c.read(8, 4), 3); // nothing pending anywhere: the selector stays
  });

  test('after the switch, reading data2 gives 0: the detection protocol sees the modern block', () => {
    const { c } = withCpus();
    c.write(0, 4, 0);
    c.write(0, 4, 0);
    c.write(5, 1, 0);
    assert.equal(c.read(0, 4), 0);
  });

  test('a cold-plugged CPU beyond the 256-bit bitmap switches at attach, as QEMU does at init', () => {
    const { c } = make([0, 1, 300]);
    c.attach(2, {}, true);
    assert.equal(c.mode, 'modern');
    c.write(0, 4, 2);
    assert.equal(c.read(4, 1), 0x01);
  });

  test('a hot-plugged CPU beyond the bitmap switches and gets an insert event (QEMU 7.2 loses it)', () => {
    const { c, log } = make([0, 1, 260]);
    c.plug(2, {}, true);
    assert.equal(c.mode, 'modern');
    c.write(0, 4, 2);
    assert.equal(c.read(4, 1), 0x03);
    assert.equal(log.sci, 1);
  });

  test('legacy mode needs the x86 presence policy', () => {
    assert.throws(() => make([0, 1], { presence: PRESENCE_ALWAYS }), RangeError);
  });
});
