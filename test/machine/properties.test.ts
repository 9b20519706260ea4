// Random sequences of device_add, device_del and guest register accesses on both
// architectures, through the whole machine (handler chain, bus, controller).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Machine } from '../../src/machine/machine.ts';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { DeviceError } from '../../src/topology/errors.ts';

const SLOTS = 6;

type Op =
  | { op: 'add'; core: number }
  | { op: 'del'; core: number }
  | { op: 'write'; offset: number; size: 1 | 2 | 4; value: number }
  | { op: 'read'; offset: number; size: 1 | 2 | 4 }
  | { op: 'ack' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), core: fc.integer({ min: 0, max: SLOTS - 1 }) }),
  fc.record({ op: fc.constant('del' as const), core: fc.integer({ min: 0, max: SLOTS - 1 }) }),
  fc.record({
    op: fc.constant('write' as const),
    offset: fc.integer({ min: 0, max: 11 }),
    size: fc.constantFrom(1 as const, 2 as const, 4 as const),
    value: fc.oneof(fc.integer({ min: 0, max: 0xff }), fc.integer({ min: 0, max: SLOTS + 2 }), fc.constantFrom(2, 4, 8, 0x10, 0x0e)),
  }),
  fc.record({ op: fc.constant('read' as const), offset: fc.integer({ min: 0, max: 11 }), size: fc.constantFrom(1 as const, 2 as const, 4 as const) }),
  fc.constant({ op: 'ack' as const }),
);

const ARCHES = [
  { machine: 'q35', space: 'io' as const, base: 0x0cd8, driver: 'qemu64-x86_64-cpu', ids: {} },
  { machine: 'virt', space: 'mmio' as const, base: 0x090c0000, driver: 'max-arm-cpu', ids: { 'cluster-id': 0 } },
];

for (const a of ARCHES) {
  describe(`${a.machine}: random hot-plug sequences`, () => {
    test('invariants hold and save/load reproduces the state', () => {
      fc.assert(
        fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
          const config = createMachineConfig(findMachineType(a.machine), `1,maxcpus=${SLOTS}`);
          const m = new Machine(config);
          const initial = Array.from({ length: SLOTS }, (_, i) => m.vcpu(i));
          // Inserts the guest has not acknowledged yet, by slot: added on a successful
          // hot-add, removed only when the guest's write clears it (QEMU's trace says so).
          const unacked = new Set<number>();
          m.observe((e) => {
            if (e.type === 'trace' && e.event.name === 'cpuhp_acpi_clear_inserting_evt') unacked.delete(e.event.idx);
          });
          for (const o of ops) {
            try {
              if (o.op === 'add') {
                m.deviceAdd({ driver: a.driver, 'socket-id': 0, ...a.ids, 'core-id': o.core, 'thread-id': 0, id: `c${o.core}` });
                unacked.add(o.core);
              } else if (o.op === 'del') m.deviceDel(`c${o.core}`);
              else if (o.op === 'write') m.bus.write(a.space, a.base + o.offset, o.size, BigInt(o.value));
              else if (o.op === 'read') m.bus.read(a.space, a.base + o.offset, o.size);
              else {
                // A guest acknowledging: find the next event and clear its insert bit.
                m.bus.write(a.space, a.base + 5, 1, 0n);
                const sel = Number(m.bus.read(a.space, a.base + 8, 4));
                if (sel < SLOTS) m.bus.write(a.space, a.base + 4, 1, 2n);
              }
            } catch (e) {
              if (!(e instanceof DeviceError)) throw e;
            }
            // Every hot-plug is visible as exactly one pending insert until acknowledged.
            for (let i = 0; i < SLOTS; i++) assert.equal(m.controller.slot(i).inserting, unacked.has(i), `slot ${i} insert flag`);
            // The boot CPU is never removed.
            assert.equal(m.vcpu(0)?.enabled, true);
            if (a.machine === 'virt') {
              for (let i = 0; i < SLOTS; i++) {
                // No vCPU object is ever destroyed or replaced...
                assert.equal(m.vcpu(i), initial[i]);
                // ...and _STA (CSTA: 0x0D or 0x0F from flags bit 0) always has Present.
                const sta = m.controller.slot(i).enabled ? config.platform.presence.staEnabled : config.platform.presence.staDisabled;
                assert.equal(sta & 1, 1);
              }
            }
          }
          const copy = new Machine(config, m.saveState());
          assert.deepEqual(copy.saveState(), m.saveState());
          for (let off = 0; off < 12; off++) assert.equal(copy.bus.read(a.space, a.base + off, 1), m.bus.read(a.space, a.base + off, 1));
        }),
        { seed: 7, numRuns: 300 },
      );
    });
  });
}
