// Migration state of the CPU hot-plug block in QEMU's layout (hw/acpi/cpu.c
// vmstate_cpu_hotplug; reference/qemu-cpuhp.md §1.6), big-endian as QEMU's stream:
//
//   u32 version_id                      (QEMU carries it in the section header)
//   "CPU hotplug state" v1:             u32 selector, u8 command,
//     dev_count x "CPU hotplug device state" v1:
//                                       bool is_inserting, bool is_removing,
//                                       u32 ost_event, u32 ost_status
//   subsections, each QEMU-style:       u8 0x05, u8 name length, name, u32 version_id, fields
//     "CPU hotplug state/enabled" v1    u32 dev_count (must match), dev_count x bool enabled
//                                       only with PRESENCE_ALWAYS: arm64's vCPU objects
//                                       outlive disabling, so flags bit 0 is state of its own
//     "CPU hotplug state/legacy" v1     no fields: the source was still in QEMU 7.2's
//                                       legacy mode (its bitmap follows from the CPUs)
//
// An x86 stream in modern mode has no subsection and is byte for byte QEMU's.
// dev_count is not sent (as in QEMU), so the stream ends where its subsections end:
// it is self-delimiting given the slot count, and a count mismatch is recognised by
// where the stream parses cleanly. fw_remove and the CPU pointers are not migrated.

import type { PresencePolicy } from './presence.ts';
import type { SlotTable } from './status.ts';
import { BigEndianReader, BigEndianWriter, CodedError } from '../base/index.ts';

/** Field types of the stream. */
type FieldType = 'u8' | 'u32' | 'bool';

interface FieldSpec<K extends string> {
  /** QEMU's field name. */
  readonly name: string;
  /** Our property name. */
  readonly key: K;
  readonly type: FieldType;
}

export const CPU_HOTPLUG_STATE = {
  name: 'CPU hotplug state',
  version: 1,
  minVersion: 1,
  fields: [
    { name: 'selector', key: 'selector', type: 'u32' },
    { name: 'command', key: 'command', type: 'u8' },
  ],
} as const satisfies { fields: readonly FieldSpec<string>[] } & Record<string, unknown>;

export const CPU_HOTPLUG_DEVICE_STATE = {
  name: 'CPU hotplug device state',
  version: 1,
  fields: [
    { name: 'is_inserting', key: 'inserting', type: 'bool' },
    { name: 'is_removing', key: 'removing', type: 'bool' },
    { name: 'ost_event', key: 'ostEvent', type: 'u32' },
    { name: 'ost_status', key: 'ostStatus', type: 'u32' },
  ],
} as const satisfies { fields: readonly FieldSpec<string>[] } & Record<string, unknown>;

export const SUBSECTION_ENABLED = { name: 'CPU hotplug state/enabled', version: 1 } as const;
export const SUBSECTION_LEGACY = { name: 'CPU hotplug state/legacy', version: 1 } as const;

/** QEMU_VM_SUBSECTION */
const SUBSECTION_MARK = 0x05;
const HEADER_BYTES = 4 + 4 + 1;
const DEVICE_BYTES = 1 + 1 + 4 + 4;

export interface DeviceVmState {
  readonly inserting: boolean;
  readonly removing: boolean;
  readonly ostEvent: number;
  readonly ostStatus: number;
}

/** Everything a stream carries. */
export interface CpuHotplugVmState {
  readonly selector: number;
  readonly command: number;
  readonly devs: readonly DeviceVmState[];
  /** Present iff the "enabled" subsection is. */
  readonly enabled?: readonly boolean[];
  /** True iff the "legacy" subsection is present. */
  readonly legacy: boolean;
}

export type HotplugStateErrorCode =
  | 'truncated'
  | 'trailing-bytes'
  | 'bad-version'
  | 'bad-subsection'
  | 'bad-bool'
  | 'bad-value'
  | 'slot-count'
  | 'cpu-mismatch';

/** A migration stream this controller cannot load. The controller is left unchanged. */
export class HotplugStateError extends CodedError<HotplugStateErrorCode> {
  constructor(code: HotplugStateErrorCode, message: string) {
    super(code, `CPU hotplug state: ${message}`);
  }
}

/** The VMState writer: QEMU's big-endian fields and subsection headers. */
class Writer extends BigEndianWriter {
  text(s: string): void {
    for (const c of s) this.u8(c.charCodeAt(0));
  }
  field(type: FieldType, v: number | boolean): void {
    if (type === 'u32') this.u32(Number(v));
    else this.u8(type === 'bool' ? (v ? 1 : 0) : Number(v));
  }
  subsection(sub: { readonly name: string; readonly version: number }): void {
    this.u8(SUBSECTION_MARK);
    this.u8(sub.name.length);
    this.text(sub.name);
    this.u32(sub.version);
  }
}

class Reader extends BigEndianReader {
  constructor(b: Uint8Array) {
    super(b, (what, _n, at) => new HotplugStateError('truncated', `stream ends inside ${what} at byte ${at}`));
  }
  text(n: number, what: string): string {
    return String.fromCharCode(...this.bytes(n, what));
  }
  field(type: FieldType, what: string): number | boolean {
    if (type === 'u32') return this.u32(what);
    const at = this.pos;
    const v = this.u8(what);
    if (type === 'u8') return v;
    if (v > 1) throw new HotplugStateError('bad-bool', `${what} is ${v} at byte ${at}, not a bool (0 or 1)`);
    return v === 1;
  }
}

function writeFields<K extends string>(w: Writer, specs: readonly FieldSpec<K>[], rec: Readonly<Record<K, number | boolean>>): void {
  for (const f of specs) w.field(f.type, rec[f.key]);
}

function readFields<K extends string>(r: Reader, specs: readonly FieldSpec<K>[], where: string): Record<K, number | boolean> {
  const rec = {} as Record<K, number | boolean>;
  for (const f of specs) rec[f.key] = r.field(f.type, `${where}.${f.name}`);
  return rec;
}

export function encodeVmState(s: CpuHotplugVmState): Uint8Array {
  const w = new Writer();
  w.u32(CPU_HOTPLUG_STATE.version);
  writeFields(w, CPU_HOTPLUG_STATE.fields, s);
  for (const d of s.devs) writeFields(w, CPU_HOTPLUG_DEVICE_STATE.fields, d);
  if (s.enabled) {
    w.subsection(SUBSECTION_ENABLED);
    w.u32(s.enabled.length);
    for (const e of s.enabled) w.field('bool', e);
  }
  if (s.legacy) w.subsection(SUBSECTION_LEGACY);
  return w.done();
}

/** How a stream for another slot count usually fails when read with ours. */
const MISPARSE_SYMPTOMS: ReadonlySet<HotplugStateErrorCode> = new Set(['truncated', 'trailing-bytes', 'bad-subsection', 'bad-bool']);

/** Parses a whole stream for `slotCount` slots; throws HotplugStateError. Pure. */
export function decodeVmState(bytes: Uint8Array, slotCount: number): CpuHotplugVmState {
  try {
    return decodeExact(bytes, slotCount);
  } catch (err) {
    // A stream for another slot count goes wrong somewhere in the device array or
    // just after it; say so rather than report the symptom.
    if (err instanceof HotplugStateError && MISPARSE_SYMPTOMS.has(err.code)) {
      const other = otherSlotCount(bytes, slotCount);
      if (other !== undefined) {
        throw new HotplugStateError('slot-count', `the stream holds ${other} slots, this controller has ${slotCount}`);
      }
    }
    throw err;
  }
}

function decodeExact(bytes: Uint8Array, slotCount: number): CpuHotplugVmState {
  const r = new Reader(bytes);
  const version = r.u32(`${CPU_HOTPLUG_STATE.name} version`);
  if (version < CPU_HOTPLUG_STATE.minVersion || version > CPU_HOTPLUG_STATE.version) {
    throw new HotplugStateError('bad-version', `"${CPU_HOTPLUG_STATE.name}" version ${version} is not supported (${CPU_HOTPLUG_STATE.minVersion}..${CPU_HOTPLUG_STATE.version})`);
  }
  const head = readFields(r, CPU_HOTPLUG_STATE.fields, CPU_HOTPLUG_STATE.name);
  const command = Number(head.command);
  // QEMU never stores a command >= 4, so no real stream carries one.
  if (command >= 4) throw new HotplugStateError('bad-value', `command is ${command}, not 0..3`);
  const devs: DeviceVmState[] = [];
  for (let i = 0; i < slotCount; i++) {
    const d = readFields(r, CPU_HOTPLUG_DEVICE_STATE.fields, `devs[${i}]`);
    devs.push({ inserting: d.inserting === true, removing: d.removing === true, ostEvent: Number(d.ostEvent), ostStatus: Number(d.ostStatus) });
  }
  const subs = readSubsections(r, slotCount);
  return { selector: Number(head.selector), command, devs, ...(subs.enabled ? { enabled: subs.enabled } : {}), legacy: subs.legacy };
}

function readSubsections(r: Reader, slotCount: number): { enabled?: boolean[]; legacy: boolean } {
  let enabled: boolean[] | undefined;
  let legacy = false;
  const seen = new Set<string>();
  while (r.left > 0) {
    if (r.peek() !== SUBSECTION_MARK) {
      throw new HotplugStateError('trailing-bytes', `${r.left} bytes after the end of the state at byte ${r.pos}`);
    }
    r.u8('subsection');
    const name = r.text(r.u8('subsection name length'), 'subsection name');
    const version = r.u32(`subsection "${name}" version`);
    if (name !== SUBSECTION_ENABLED.name && name !== SUBSECTION_LEGACY.name) {
      throw new HotplugStateError('bad-subsection', `unknown subsection ${JSON.stringify(name)}`);
    }
    if (seen.has(name)) throw new HotplugStateError('bad-subsection', `subsection "${name}" appears twice`);
    seen.add(name);
    if (version !== 1) throw new HotplugStateError('bad-version', `subsection "${name}" version ${version} is not supported (1)`);
    if (name === SUBSECTION_LEGACY.name) {
      legacy = true;
      continue;
    }
    const count = r.u32(`"${name}" dev_count`);
    if (count !== slotCount) {
      throw new HotplugStateError('slot-count', `the stream holds ${count} slots, this controller has ${slotCount}`);
    }
    enabled = [];
    for (let i = 0; i < count; i++) enabled.push(r.field('bool', `enabled[${i}]`) === true);
  }
  return { ...(enabled ? { enabled } : {}), legacy };
}

/** The slot count other than `slotCount` for which the stream parses cleanly, if any. */
function otherSlotCount(bytes: Uint8Array, slotCount: number): number | undefined {
  for (let n = 0; HEADER_BYTES + DEVICE_BYTES * n <= bytes.length; n++) {
    if (n === slotCount) continue;
    const at = HEADER_BYTES + DEVICE_BYTES * n;
    if (at < bytes.length && bytes[at] !== SUBSECTION_MARK) continue;
    try {
      decodeExact(bytes, n);
      return n;
    } catch {
      /* not this one */
    }
  }
  return undefined;
}

/** The two registers outside the slot records. */
export interface BlockRegisters {
  selector: number;
  command: number;
}

/** The state to save; `enabled` only when the policy keeps vCPU objects (arm64). */
export function captureVmState(slots: SlotTable, regs: BlockRegisters, withEnabled: boolean, legacy: boolean): CpuHotplugVmState {
  const all = <T>(f: (i: number) => T): T[] => Array.from({ length: slots.size }, (_, i) => f(i));
  return {
    selector: regs.selector,
    command: regs.command,
    devs: all((i) => ({ inserting: slots.inserting(i), removing: slots.removing(i), ostEvent: slots.ostEvent(i), ostStatus: slots.ostStatus(i) })),
    ...(withEnabled ? { enabled: all((i) => slots.enabled(i)) } : {}),
    legacy,
  };
}

/** Writes a checked state into the records: vCPU objects and fw_remove are left alone. */
export function applyVmState(slots: SlotTable, regs: BlockRegisters, s: CpuHotplugVmState): void {
  regs.selector = s.selector;
  regs.command = s.command;
  s.devs.forEach((d, i) => {
    slots.setInserting(i, d.inserting);
    slots.setRemoving(i, d.removing);
    slots.setOstEvent(i, d.ostEvent);
    slots.setOstStatus(i, d.ostStatus);
  });
  s.enabled?.forEach((on, i) => slots.setEnabled(i, on));
}

/** Whether a decoded stream fits this controller; throws HotplugStateError if not. */
export function checkVmStateFits(
  s: CpuHotplugVmState,
  slots: SlotTable,
  own: { readonly presence: PresencePolicy; readonly legacy: boolean; readonly bootIndex: number },
): void {
  if (s.enabled && own.presence.destroyOnUnplug) {
    throw new HotplugStateError('bad-subsection', "the stream carries enabled bits, but this controller's presence is 'toggles'");
  }
  if (s.legacy && !own.legacy) {
    throw new HotplugStateError('bad-subsection', 'the stream is in legacy mode, but this controller has no legacy block');
  }
  s.enabled?.forEach((on, i) => {
    if (on && slots.cpu(i) === undefined) {
      throw new HotplugStateError('cpu-mismatch', `slot ${i} is enabled in the stream but has no vCPU object here`);
    }
    if (!on && i === own.bootIndex) throw new HotplugStateError('bad-value', `the boot CPU (slot ${i}) is disabled in the stream`);
  });
}
