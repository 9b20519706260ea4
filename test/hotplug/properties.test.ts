// Properties over random sequences of host calls (plug, unplug request, unplug) and
// guest register accesses, on both presence policies and in legacy mode.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  CpuHotplugController,
  CpuHotplugError,
  PRESENCE_ALWAYS,
  PRESENCE_TOGGLES,
  type ControllerSnapshot,
  type CpuRef,
  type PresencePolicy,
  type TraceEvent,
} from '../../src/hotplug/index.ts';

const RUNS = { seed: 42, numRuns: 300 } as const;
const BOOT = 0;
/** Six slots; one arch id above 2^32 and one beyond the legacy bitmap. */
const ARCH_IDS = [0, 1, 2, 3, 300, 2 ** 32 + 5];
const N = ARCH_IDS.length;

type Op =
  | { readonly kind: 'plug'; readonly i: number; readonly hot: boolean }
  | { readonly kind: 'unplugRequest' | 'unplug'; readonly i: number }
  | { readonly kind: 'read'; readonly offset: number; readonly size: 1 | 2 | 4 }
  | { readonly kind: 'write'; readonly offset: number; readonly size: 1 | 2 | 4; readonly value: number };

const slotArb = fc.nat(N - 1);
const sizeArb = fc.constantFrom<1 | 2 | 4>(1, 2, 4);
const write = (offset: number, size: 1 | 2 | 4, value: fc.Arbitrary<number>): fc.Arbitrary<Op> =>
  value.map((v) => ({ kind: 'write' as const, offset, size, value: v }));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  // host side
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('plug' as const), i: slotArb, hot: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('unplugRequest' as const, 'unplug' as const), i: slotArb }) },
  // guest side, as the AML and firmware use the block: CSEL, CINS/CRMV/CEJ0/CEJF, CCMD, CDAT
  { weight: 3, arbitrary: write(0, 4, fc.nat(N)) }, // one selector out of range
  { weight: 3, arbitrary: write(4, 1, fc.constantFrom(0x02, 0x04, 0x08, 0x10, 0x06, 0x0c, 0x18, 0x01, 0x00)) },
  { weight: 2, arbitrary: write(5, 1, fc.nat(5)) }, // commands 0..3 and two rejected ones
  { weight: 1, arbitrary: write(8, 4, fc.nat(0xffffffff)) },
  // anything at all
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('read' as const), offset: fc.nat(13), size: sizeArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('write' as const), offset: fc.nat(13), size: sizeArb, value: fc.nat(0xffffffff) }) },
);
const opsArb = fc.array(opArb, { minLength: 10, maxLength: 80 });

/** A machine around the controller: owns the vCPU objects, runs the unplug chain on eject. */
class Rig {
  readonly c: CpuHotplugController;
  readonly objects: (CpuRef | undefined)[] = Array(N).fill(undefined);
  /** Slots hot-plugged whose insert event the guest has not yet acknowledged. */
  readonly unacked = new Set<number>();
  /** PRESENCE_ALWAYS: slots that have had a vCPU object. */
  readonly everHad = new Set<number>();

  constructor(readonly presence: PresencePolicy, legacy: boolean) {
    this.c = new CpuHotplugController({
      slots: ARCH_IDS.map((archId) => ({ archId })),
      presence,
      legacy,
      sendEvent: () => {},
      eject: (i) => {
        this.c.unplug(i);
        if (presence.destroyOnUnplug) this.objects[i] = undefined;
      },
      ost: () => {},
      trace: (e: TraceEvent) => {
        if (e.name === 'cpuhp_acpi_clear_inserting_evt') this.unacked.delete(e.idx);
      },
    });
    this.attach(BOOT, true);
    // arm64 creates every possible vCPU at boot, most of them disabled.
    if (!presence.destroyOnUnplug) for (let i = 1; i < N; i += 2) this.attach(i, false);
  }

  private attach(i: number, enabled: boolean): void {
    this.objects[i] = { id: `cpu${i}` };
    this.c.attach(i, this.objects[i]!, enabled);
    this.everHad.add(i);
  }

  run(op: Op): void {
    const before = this.c.snapshot();
    try {
      this.apply(op);
    } catch (e) {
      // A refused host call must leave everything as it was.
      assert.ok(e instanceof CpuHotplugError, String(e));
      assert.deepEqual(this.c.snapshot(), before);
    }
  }

  private apply(op: Op): void {
    switch (op.kind) {
      case 'plug': {
        const cpu = this.objects[op.i] ?? { id: `cpu${op.i}` };
        this.c.plug(op.i, cpu, op.hot);
        this.objects[op.i] = cpu;
        this.everHad.add(op.i);
        if (op.hot && this.c.mode === 'modern') this.unacked.add(op.i);
        return;
      }
      case 'unplugRequest':
        return this.c.unplugRequest(op.i);
      case 'unplug':
        this.c.unplug(op.i);
        if (this.presence.destroyOnUnplug) this.objects[op.i] = undefined;
        return;
      case 'read':
        this.c.read(op.offset, op.size);
        return;
      case 'write':
        return this.c.write(op.offset, op.size, op.value);
    }
  }

  /** Flags of every slot through the registers, restoring the selector afterwards. */
  flags(): number[] {
    const before = this.c.snapshot();
    const out = ARCH_IDS.map((_, i) => (this.c.write(0, 4, i), this.c.read(4, 1)));
    this.c.write(0, 4, before.selector);
    assert.deepEqual(this.c.snapshot(), before);
    return out;
  }
}

const withoutFwRemove = (s: ControllerSnapshot) => ({ ...s, slots: s.slots.map(({ fwRemove: _, ...rest }) => rest) });

/** The destination of a migration: same slots, the same vCPU objects (its own -device list), then the stream. */
function migrate(rig: Rig, legacy: boolean): CpuHotplugController {
  const dst: CpuHotplugController = new CpuHotplugController({
    slots: ARCH_IDS.map((archId) => ({ archId })),
    presence: rig.presence,
    legacy,
    sendEvent: () => {},
    eject: (i) => dst.unplug(i),
    ost: () => {},
  });
  rig.objects.forEach((cpu, i) => cpu && dst.attach(i, cpu, true));
  dst.loadState(rig.c.saveState());
  return dst;
}

/** A guest draining events from selector 0 each time; returns the slots seen inserting. */
function drainInserts(c: CpuHotplugController): number[] {
  const seen: number[] = [];
  for (let guard = 0; guard < 2 * N + 2; guard++) {
    c.write(0, 4, 0);
    c.write(5, 1, 0);
    const idx = c.read(8, 4);
    const flags = c.read(4, 1);
    if ((flags & 0x06) === 0) return seen;
    if (flags & 0x02) seen.push(idx);
    c.write(4, 1, flags & 0x02 ? 0x02 : 0x04);
  }
  throw new Error('drain did not terminate');
}

function check(rig: Rig): void {
  const { c } = rig;
  // The boot CPU is never removed.
  assert.equal(c.slot(BOOT).enabled, true);
  assert.notEqual(c.slot(BOOT).cpu, undefined);
  // A hot-plug is one pending insert event until the guest acknowledges it.
  for (let i = 0; i < N; i++) assert.equal(c.slot(i).inserting, rig.unacked.has(i), `slot ${i} inserting`);
  if (c.mode === 'legacy') return;
  const flags = rig.flags();
  for (let i = 0; i < N; i++) {
    const bit0 = (flags[i]! & 1) === 1;
    const sta = bit0 ? rig.presence.staEnabled : rig.presence.staDisabled;
    if (rig.presence.destroyOnUnplug) {
      assert.equal(bit0, c.slot(i).cpu !== undefined, `slot ${i}: x86 enabled iff a vCPU object`);
    } else {
      assert.equal(sta & 1, 1, `slot ${i}: _STA ${sta} lacks Present`);
      if (rig.everHad.has(i)) assert.equal(c.slot(i).cpu, rig.objects[i], `slot ${i} lost its vCPU object`);
    }
  }
}

for (const [label, presence, legacy] of [
  ['presence toggles (x86)', PRESENCE_TOGGLES, false],
  ['presence toggles, starting in legacy mode', PRESENCE_TOGGLES, true],
  ['presence always (arm64)', PRESENCE_ALWAYS, false],
] as const) {
  describe(`random sequences: ${label}`, () => {
    test('the invariants hold after every step', () => {
      fc.assert(
        fc.property(opsArb, (ops) => {
          const rig = new Rig(presence, legacy);
          for (const op of ops) {
            rig.run(op);
            check(rig);
          }
        }),
        RUNS,
      );
    });

    test('a guest drain sees each unacknowledged hot-plug exactly once', () => {
      fc.assert(
        fc.property(opsArb, (ops) => {
          const rig = new Rig(presence, legacy);
          for (const op of ops) rig.run(op);
          if (rig.c.mode === 'legacy') return;
          const seen = drainInserts(migrate(rig, legacy));
          assert.deepEqual([...seen].sort(), [...rig.unacked].sort());
        }),
        RUNS,
      );
    });

    test('saveState + loadState into a fresh controller reproduces the state', () => {
      fc.assert(
        fc.property(opsArb, (ops) => {
          const rig = new Rig(presence, legacy);
          for (const op of ops) rig.run(op);
          const dst = migrate(rig, legacy);
          // fw_remove is not migrated (as in QEMU): the fresh destination has none.
          assert.deepEqual(withoutFwRemove(dst.snapshot()), withoutFwRemove(rig.c.snapshot()));
          assert.ok(dst.snapshot().slots.every((s) => !s.fwRemove));
          assert.deepEqual(dst.saveState(), rig.c.saveState());
        }),
        RUNS,
      );
    });
  });
}
