// Migration state: QEMU's vmstate_cpu_hotplug layout (reference/qemu-cpuhp.md §1.6),
// our subsections, and loads that fail without touching the controller.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CpuHotplugController,
  HotplugStateError,
  PRESENCE_ALWAYS,
  type HotplugControllerOptions,
} from '../../src/hotplug/index.ts';
import { makeController } from './rig.ts';

function make(n = 2, over: Partial<HotplugControllerOptions> = {}) {
  return makeController({ archIds: Array.from({ length: n }, (_, archId) => archId), over }).c;
}

const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Slot 1: hot-plugged, remove requested, OST event 0x01020304 and status 0x0a0b0c0d; selector 1, command 2. */
function knownState(c: CpuHotplugController): void {
  c.plug(1, {}, true);
  c.unplugRequest(1);
  c.write(0, 4, 1);
  c.write(5, 1, 1);
  c.write(8, 4, 0x01020304);
  c.write(5, 1, 2);
  c.write(8, 4, 0x0a0b0c0d);
}

const KNOWN_MAIN = [
  0x00, 0x00, 0x00, 0x01, // version_id 1
  0x00, 0x00, 0x00, 0x01, // selector (u32 BE)
  0x02, // command (u8)
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // devs[0]: ins, rm, ost_event, ost_status
  0x01, 0x01, 0x01, 0x02, 0x03, 0x04, 0x0a, 0x0b, 0x0c, 0x0d, // devs[1]
];

describe('saveState layout', () => {
  test('x86 in modern mode: exactly QEMU\'s fields, big-endian, no subsection', () => {
    const c = make();
    knownState(c);
    assert.equal(hex(c.saveState()), hex(Uint8Array.from(KNOWN_MAIN)));
  });

  test('arm64: the enabled bits follow in their own subsection', () => {
    const c = make(2, { presence: PRESENCE_ALWAYS });
    knownState(c);
    c.write(4, 1, 0x08); // eject slot 1: disabled, object kept
    const name = 'CPU hotplug state/enabled';
    assert.equal(hex(c.saveState()), hex(Uint8Array.from([
      ...KNOWN_MAIN,
      0x05, name.length, ...ascii(name), // QEMU_VM_SUBSECTION, name
      0x00, 0x00, 0x00, 0x01, // subsection version_id 1
      0x00, 0x00, 0x00, 0x02, // dev_count
      0x01, 0x00, // enabled[0], enabled[1]
    ])));
  });

  test('legacy mode: an empty "legacy" subsection', () => {
    const c = make(2, { legacy: true });
    const name = 'CPU hotplug state/legacy';
    assert.equal(hex(c.saveState()), hex(Uint8Array.from([
      0, 0, 0, 1, 0, 0, 0, 0, 0, ...Array(20).fill(0),
      0x05, name.length, ...ascii(name), 0x00, 0x00, 0x00, 0x01,
    ])));
  });
});

describe('loadState', () => {
  test('restores selector, command, events and _OST values', () => {
    const src = make();
    knownState(src);
    const dst = make();
    dst.plug(1, {}, false); // the destination's own vCPU object
    dst.loadState(src.saveState());
    assert.deepEqual(dst.snapshot().slots.map(({ cpu: _, ...s }) => s), src.snapshot().slots.map(({ cpu: _, ...s }) => s));
    assert.deepEqual([dst.snapshot().selector, dst.snapshot().command], [1, 2]);
  });

  test('keeps the destination\'s CPU objects: an x86 slot without one reads flags bit 0 clear', () => {
    const src = make();
    knownState(src);
    const dst = make();
    dst.loadState(src.saveState());
    assert.equal(dst.slot(1).cpu, undefined);
    assert.equal(dst.read(4, 1), 0x06);
  });

  test('does not migrate fw_remove: the destination keeps its own', () => {
    const src = make();
    src.plug(1, {}, false);
    src.write(0, 4, 1);
    src.write(4, 1, 0x10);
    const dst = make();
    dst.plug(1, {}, false);
    dst.loadState(src.saveState());
    assert.equal(dst.slot(1).fwRemove, false);
  });

  test('a legacy-mode destination switches to modern when the stream is modern (QEMU\'s pre_load)', () => {
    const src = make(2, { legacy: true });
    src.write(0, 4, 0);
    const dst = make(2, { legacy: true });
    dst.loadState(src.saveState());
    assert.equal(dst.mode, 'modern');
  });

  test('arm64 enabled bits move; the objects stay the destination\'s', () => {
    const src = make(2, { presence: PRESENCE_ALWAYS });
    src.attach(1, {}, false);
    const dst = make(2, { presence: PRESENCE_ALWAYS });
    const obj = {};
    dst.attach(1, obj, true);
    dst.loadState(src.saveState());
    assert.equal(dst.slot(1).enabled, false);
    assert.equal(dst.slot(1).cpu, obj);
  });
});

describe('loadState rejects a bad stream and changes nothing', () => {
  function rejects(stream: Uint8Array, code: string, dst = make()) {
    dst.write(0, 4, 1);
    const before = dst.snapshot();
    assert.throws(() => dst.loadState(stream), (e: unknown) => e instanceof HotplugStateError && e.code === code && e.message.length > 0);
    assert.deepEqual(dst.snapshot(), before);
  }
  const good = () => {
    const c = make();
    knownState(c);
    return c.saveState();
  };
  const withByte = (b: Uint8Array, at: number, v: number) => {
    const out = Uint8Array.from(b);
    out[at] = v;
    return out;
  };

  test('from a controller with more slots', () => rejects(make(3).saveState(), 'slot-count'));
  test('from a controller with fewer slots', () => rejects(make(1).saveState(), 'slot-count', make(3)));
  test('arm64 stream with another slot count', () => {
    rejects(make(3, { presence: PRESENCE_ALWAYS }).saveState(), 'slot-count', make(2, { presence: PRESENCE_ALWAYS }));
  });
  test('cut short', () => rejects(good().subarray(0, 20), 'truncated'));
  test('empty', () => rejects(new Uint8Array(0), 'truncated'));
  test('with trailing garbage', () => rejects(Uint8Array.from([...good(), 0xde, 0xad]), 'trailing-bytes'));
  test('with a bad version', () => rejects(withByte(good(), 3, 2), 'bad-version'));
  test('with version 0', () => rejects(withByte(good(), 3, 0), 'bad-version'));
  test('with a bool that is neither 0 nor 1', () => rejects(withByte(good(), 19, 2), 'bad-bool'));
  test('with a command that QEMU never stores', () => rejects(withByte(good(), 8, 4), 'bad-value'));

  const sub = (name: string, version: number, fields: number[] = []) => [0x05, name.length, ...ascii(name), 0, 0, 0, version, ...fields];
  test('with an unknown subsection', () => rejects(Uint8Array.from([...good(), ...sub('CPU hotplug state/bogus', 1)]), 'bad-subsection'));
  test('with a subsection of an unknown version', () => {
    rejects(Uint8Array.from([...good(), ...sub('CPU hotplug state/legacy', 2)]), 'bad-version', make(2, { legacy: true }));
  });
  test('with a subsection twice', () => {
    const legacy = sub('CPU hotplug state/legacy', 1);
    rejects(Uint8Array.from([...good(), ...legacy, ...legacy]), 'bad-subsection', make(2, { legacy: true }));
  });
  test('with arm64 enabled bits into an x86 controller', () => {
    rejects(make(2, { presence: PRESENCE_ALWAYS }).saveState(), 'bad-subsection');
  });
  test('in legacy mode into a controller without a legacy block', () => {
    rejects(make(2, { legacy: true }).saveState(), 'bad-subsection');
  });
  test('enabling a slot that has no vCPU object here', () => {
    const src = make(2, { presence: PRESENCE_ALWAYS });
    src.plug(1, {}, false);
    rejects(src.saveState(), 'cpu-mismatch', make(2, { presence: PRESENCE_ALWAYS }));
  });
  test('disabling the boot CPU', () => {
    const s = make(2, { presence: PRESENCE_ALWAYS }).saveState();
    rejects(withByte(s, s.length - 2, 0), 'bad-value', make(2, { presence: PRESENCE_ALWAYS }));
  });
  test('with an enabled bit that is neither 0 nor 1', () => {
    const s = make(2, { presence: PRESENCE_ALWAYS }).saveState();
    rejects(withByte(s, s.length - 1, 7), 'bad-bool', make(2, { presence: PRESENCE_ALWAYS }));
  });
});
