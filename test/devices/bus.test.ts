import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Bus, type AccessSize, type BusAccess } from '../../src/devices/bus.ts';

/** A device that records the (offset, size) of each access and reads back offset-based bytes. */
function recorder() {
  const seen: [string, number, number, number?][] = [];
  return {
    seen,
    device: {
      read(offset: number, size: AccessSize) {
        seen.push(['r', offset, size]);
        let v = 0;
        for (let i = 0; i < size; i++) v |= (0x10 + offset + i) << (8 * i);
        return v >>> 0;
      },
      write(offset: number, size: AccessSize, value: number | bigint) {
        seen.push(['w', offset, size, Number(value)]);
      },
    },
  };
}

describe('bus access splitting, as QEMU flatview_read/write_continue', () => {
  test('an aligned access inside a window reaches the device whole', () => {
    const bus = new Bus();
    const r = recorder();
    bus.map('io', 'dev', 0xcd8, 12, { min: 1, max: 4 }, r.device);
    assert.equal(bus.read('io', 0xcd8 + 4, 4), 0x17161514n);
    assert.deepEqual(r.seen, [['r', 4, 4]]);
  });

  test('an unaligned 4-byte read is cut into aligned pieces', () => {
    const bus = new Bus();
    const r = recorder();
    bus.map('io', 'dev', 0xcd8, 12, { min: 1, max: 4 }, r.device);
    bus.read('io', 0xcd8 + 1, 4);
    assert.deepEqual(r.seen, [['r', 1, 1], ['r', 2, 2], ['r', 4, 1]]);
  });

  test('a read past the end of a window reads the rest as unassigned port I/O (all ones)', () => {
    const bus = new Bus();
    const r = recorder();
    bus.map('io', 'dev', 0xcd8, 12, { min: 1, max: 4 }, r.device);
    assert.equal(bus.read('io', 0xcd8 + 10, 4), 0xffff1b1an);
    assert.deepEqual(r.seen, [['r', 10, 2]]);
  });

  test('unassigned MMIO reads zero and drops writes', () => {
    const bus = new Bus();
    assert.equal(bus.read('mmio', 0x1000, 8), 0n);
    bus.write('mmio', 0x1000, 4, 0x1234n);
  });

  test('an access size below the window minimum reads 0 and is not delivered', () => {
    const bus = new Bus();
    const r = recorder();
    bus.map('mmio', 'ged', 0x09080000, 4, { min: 4, max: 4 }, r.device);
    assert.equal(bus.read('mmio', 0x09080000, 1), 0n);
    bus.write('mmio', 0x09080000, 2, 1n);
    assert.deepEqual(r.seen, []);
  });

  test('writes are split the same way, value bytes in little-endian order', () => {
    const bus = new Bus();
    const r = recorder();
    bus.map('io', 'dev', 0x100, 8, { min: 1, max: 4 }, r.device);
    bus.write('io', 0x101, 4, 0xaabbccddn);
    assert.deepEqual(r.seen, [['w', 1, 1, 0xdd], ['w', 2, 2, 0xbbcc], ['w', 4, 1, 0xaa]]);
  });

  test('every piece is reported to observers', () => {
    const bus = new Bus();
    const r = recorder();
    bus.map('io', 'dev', 0x100, 4, { min: 1, max: 4 }, r.device);
    const seen: BusAccess[] = [];
    const off = bus.observe((a) => seen.push(a));
    bus.read('io', 0x102, 4);
    off();
    bus.read('io', 0x100, 1);
    assert.deepEqual(seen.map((a) => [a.address, a.size, a.device]), [[0x102, 2, 'dev'], [0x104, 2, undefined]]);
  });

  test('overlapping windows and windows outside the space are refused', () => {
    const bus = new Bus();
    bus.map('io', 'a', 0x100, 8, { min: 1, max: 4 }, recorder().device);
    assert.throws(() => bus.map('io', 'b', 0x104, 8, { min: 1, max: 4 }, recorder().device), /overlaps a/);
    assert.throws(() => bus.map('io', 'c', 0xfffc, 8, { min: 1, max: 4 }, recorder().device), /outside/);
    assert.throws(() => bus.read('io', 0x10000, 1), RangeError);
  });
});
