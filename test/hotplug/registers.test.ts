// The modern register block as a guest sees it (reference/qemu-cpuhp.md §1.3, §1.4, §2).
// Expected values for every width at every offset were read from QEMU 7.2.22 with
// qtest under KVM (see src/hotplug/registers.ts for what surprised us).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CMD, DATA, FLAGS, SEL, command, flagsOf, make, select } from './rig.ts';

/** Slot 1 holds a CPU whose arch id has both halves set; flags 0x07; command 3. */
function wideArchId() {
  const { c } = make({}, [0, 0x1_2345_6789, 2, 3]);
  c.plug(1, { id: 'cpu1' }, true);
  c.unplugRequest(1);
  select(c, 1);
  command(c, 3);
  return c;
}

describe('register reads: each width at each offset', () => {
  // data = 0x23456789 (arch id low half), data2 = 0x1, flags = 0x07.
  test('byte reads: data2 low byte at 0, flags at 4, data low byte at 8, else 0', () => {
    const c = wideArchId();
    const got = Array.from({ length: 12 }, (_, o) => c.read(o, 1));
    assert.deepEqual(got, [0x01, 0, 0, 0, 0x07, 0, 0, 0, 0x89, 0, 0, 0]);
  });

  test('word reads: aligned ones whole, odd ones split into bytes (flags << 8 at 3)', () => {
    const c = wideArchId();
    const got = Array.from({ length: 12 }, (_, o) => c.read(o, 2));
    assert.deepEqual(got, [0x0001, 0, 0, 0x0700, 0x0007, 0, 0, 0x8900, 0x6789, 0, 0, 0]);
  });

  test('dword reads: aligned ones whole, unaligned ones assembled from aligned pieces', () => {
    const c = wideArchId();
    const got = Array.from({ length: 12 }, (_, o) => c.read(o, 4));
    assert.deepEqual(got, [
      0x00000001, 0x07000000, 0x00070000, 0x00000700, 0x00000007, 0x89000000, 0x67890000, 0x00678900,
      0x23456789, 0, 0, 0,
    ]);
  });

  test('a dword read at offset 4 returns only the flags byte, not the command register', () => {
    const c = wideArchId();
    assert.equal(c.read(FLAGS, 4), 0x07);
  });

  test('command 3 splits an arch id above 2^32 across data (low) and data2 (high)', () => {
    const c = wideArchId();
    assert.equal(c.read(DATA, 4), 0x23456789);
    assert.equal(c.read(0, 4), 0x1);
  });

  test('command 3 reads a low half with bit 31 set as an unsigned value', () => {
    const { c } = make({}, [0, 0xfedc_ba98_7654]);
    c.write(SEL, 4, 1);
    command(c, 3);
    assert.deepEqual([c.read(DATA, 4), c.read(0, 4)], [0xba987654, 0xfedc]);
  });

  test('command 0: data reads the selector and data2 reads 0', () => {
    const { c } = make();
    select(c, 2);
    command(c, 0);
    assert.equal(c.read(DATA, 4), 2);
    assert.equal(c.read(0, 4), 0);
  });

  test('commands 1 and 2: data and data2 read 0', () => {
    const c = wideArchId();
    for (const cmd of [1, 2]) {
      command(c, cmd);
      assert.deepEqual([c.read(DATA, 4), c.read(0, 4)], [0, 0]);
    }
  });

  test('flags: bit0 enabled, bit1 inserting, bit2 removing, bit4 fw_remove', () => {
    const { c } = make();
    c.plug(2, {}, true);
    assert.equal(flagsOf(c, 2), 0x03);
    c.unplugRequest(2);
    assert.equal(flagsOf(c, 2), 0x07);
    c.write(FLAGS, 1, 0x10);
    assert.equal(flagsOf(c, 2), 0x17);
    assert.equal(flagsOf(c, 3), 0x00);
  });
});

describe('rule 0: a selector beyond the last slot', () => {
  test('every read at every width returns 0, with no trace', () => {
    const { c, log } = make();
    c.plug(3, {}, true);
    select(c, 4);
    log.traces.length = 0;
    for (const size of [1, 2, 4] as const) for (let o = 0; o < 12; o++) assert.equal(c.read(o, size), 0, `${size}@${o}`);
    assert.deepEqual(log.traces, []);
  });

  test('non-selector writes are ignored, each traced as cpuhp_acpi_invalid_idx_selected', () => {
    const { c, log } = make();
    c.plug(3, {}, true);
    select(c, 0xffffffff);
    const before = c.snapshot();
    log.traces.length = 0;
    c.write(FLAGS, 1, 0x02);
    c.write(CMD, 1, 0);
    c.write(DATA, 4, 1);
    c.write(1, 1, 0);
    assert.deepEqual(c.snapshot(), before);
    assert.deepEqual(log.traces, Array(4).fill({ name: 'cpuhp_acpi_invalid_idx_selected', idx: 0xffffffff }));
  });

  test('an unaligned write is checked piece by piece: one trace per piece', () => {
    const { c, log } = make();
    select(c, 9);
    log.traces.length = 0;
    c.write(3, 4, 0x200); // pieces at 3 (1 byte), 4 (2 bytes), 6 (1 byte)
    assert.equal(log.traces.length, 3);
  });

  test('the selector stays writable, so a valid one revives the block', () => {
    const { c } = make();
    select(c, 100);
    select(c, 0);
    assert.equal(c.read(FLAGS, 1), 0x01);
  });
});

describe('register writes', () => {
  test('a byte or word write to offset 0 replaces the whole selector', () => {
    const { c } = make({}, Array.from({ length: 300 }, (_, i) => i));
    c.write(SEL, 2, 0x0102);
    assert.equal(c.snapshot().selector, 0x102);
    c.write(SEL, 1, 0x01);
    assert.equal(c.snapshot().selector, 0x01);
  });

  test('a byte write at offset 1 is not a selector write', () => {
    const { c } = make();
    select(c, 2);
    c.write(1, 1, 0x01);
    assert.equal(c.snapshot().selector, 2);
  });

  test('flags 0x06 only clears the insert event', () => {
    const { c } = make();
    c.plug(2, {}, true);
    c.unplugRequest(2);
    select(c, 2);
    c.write(FLAGS, 1, 0x06);
    assert.equal(c.read(FLAGS, 1), 0x05);
  });

  test('flags 0x0c only clears the remove event, without ejecting', () => {
    const { c, log } = make();
    c.plug(2, {}, false);
    c.unplugRequest(2);
    select(c, 2);
    c.write(FLAGS, 1, 0x0c);
    assert.equal(c.read(FLAGS, 1), 0x01);
    assert.deepEqual(log.ejects, []);
  });

  test('flags 0x18 ejects (bit 3 wins over bit 4) and clears fw_remove', () => {
    const { c, log } = make();
    c.plug(2, {}, false);
    select(c, 2);
    c.write(FLAGS, 1, 0x10);
    c.write(FLAGS, 1, 0x18);
    assert.deepEqual(log.ejects, [2]);
    assert.equal(c.read(FLAGS, 1), 0x00);
  });

  test('flags writes with none of bits 1..4 do nothing', () => {
    const { c } = make();
    c.plug(2, {}, true);
    select(c, 2);
    const before = c.snapshot();
    for (const v of [0x00, 0x01, 0x20, 0xe1]) c.write(FLAGS, 1, v);
    assert.deepEqual(c.snapshot(), before);
  });

  test('a dword write at offset 4 is a flags write: its byte 1 never reaches the command register', () => {
    const { c } = make();
    select(c, 1);
    c.write(FLAGS, 4, 0x0300);
    assert.equal(c.snapshot().command, 0);
  });

  test('a word write at offset 5 is split: the command takes its low byte', () => {
    const { c } = make();
    c.write(CMD, 2, 0x0003);
    assert.equal(c.snapshot().command, 3);
  });

  test('a dword write at offset 5 sets the command, then writes its top byte as command data', () => {
    const { c } = make();
    select(c, 1);
    c.write(CMD, 4, 0x11000001);
    assert.equal(c.snapshot().command, 1);
    assert.equal(c.slot(1).ostEvent, 0x11);
  });

  test('commands 4 and above are ignored', () => {
    const { c } = make();
    command(c, 3);
    command(c, 4);
    command(c, 0xff);
    assert.equal(c.snapshot().command, 3);
  });

  test('reserved offsets ignore writes', () => {
    const { c } = make();
    c.plug(1, {}, true);
    const before = c.snapshot();
    for (const o of [1, 2, 3, 6, 7, 9, 10, 11]) c.write(o, 1, 0xff);
    assert.deepEqual(c.snapshot(), before);
  });
});
