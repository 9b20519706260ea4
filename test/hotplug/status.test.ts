// The pending-event index behind command 0: it must answer exactly as QEMU's
// do/while loop over every slot (hw/acpi/cpu.c, reference/qemu-cpuhp.md §1.4).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { PendingSet, SlotTable } from '../../src/hotplug/status.ts';

/** QEMU's search, verbatim: from `start` inclusive, wrapping, each slot once. */
function qemuSearch(pending: readonly boolean[], start: number): number {
  let iter = start;
  do {
    if (pending[iter]) return iter;
    iter = iter + 1 < pending.length ? iter + 1 : 0;
  } while (iter !== start);
  return -1;
}

function setOf(bits: readonly boolean[]): PendingSet {
  const s = new PendingSet(bits.length);
  bits.forEach((b, i) => s.set(i, b));
  return s;
}

describe('PendingSet', () => {
  test('findWrapping agrees with QEMU\'s loop for every start (random sets, 1..2100 slots)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2100 }).chain((n) =>
          fc.tuple(fc.array(fc.nat(n - 1), { maxLength: 12 }), fc.nat(n - 1), fc.constant(n)),
        ),
        ([marks, start, n]) => {
          const bits = Array<boolean>(n).fill(false);
          for (const m of marks) bits[m] = true;
          assert.equal(setOf(bits).findWrapping(start), qemuSearch(bits, start));
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  test('agrees on word and summary boundaries (31, 32, 1023, 1024, 4095)', () => {
    for (const n of [32, 33, 1024, 1025, 4096]) {
      for (const mark of [0, 31, 32, 1023, 1024, n - 1].filter((m) => m < n)) {
        const bits = Array<boolean>(n).fill(false);
        bits[mark] = true;
        const s = setOf(bits);
        for (const start of [0, 1, 31, 32, 33, 1023, 1024, n - 1].filter((x) => x < n)) {
          assert.equal(s.findWrapping(start), qemuSearch(bits, start), `n=${n} mark=${mark} start=${start}`);
        }
      }
    }
  });

  test('clearing the last bit of a word hides it from the summary', () => {
    const s = new PendingSet(4096);
    s.set(2000, true);
    s.set(2000, false);
    s.set(3000, true);
    assert.equal(s.findWrapping(1500), 3000);
  });

  test('a search over 4096 slots touches a handful of words, not thousands of slots', () => {
    const s = new PendingSet(4096);
    s.set(4095, true);
    s.probes = 0;
    assert.equal(s.findWrapping(0), 4095);
    assert.ok(s.probes <= 6, `probes ${s.probes}`);
  });
});

describe('SlotTable', () => {
  test('each event bit keeps the slot pending until all three are clear', () => {
    const t = new SlotTable([0, 1]);
    t.setInserting(1, true);
    t.setRemoving(1, true);
    t.setFwRemove(1, true);
    t.setInserting(1, false);
    t.setRemoving(1, false);
    assert.equal(t.pending.has(1), true);
    t.setFwRemove(1, false);
    assert.equal(t.pending.has(1), false);
  });

  test('clearEvents empties events, _OST values and the pending index, and keeps CPUs', () => {
    const t = new SlotTable([0, 1]);
    const cpu = {};
    t.setCpu(1, cpu);
    t.setEnabled(1, true);
    t.setInserting(1, true);
    t.setOstEvent(1, 3);
    t.clearEvents();
    assert.deepEqual(t.snapshot(1), { index: 1, archId: 1, cpu, enabled: true, inserting: false, removing: false, fwRemove: false, ostEvent: 0, ostStatus: 0 });
    assert.equal(t.pending.findWrapping(0), -1);
  });
});
