// The migration stream of a whole machine: which vCPU objects exist and how they
// are named (QEMU rebuilds these from the destination's -device list; we carry
// them), the event device, and the hot-plug block in QEMU's vmstate layout.
//
//   "CPUHPVM" 0x00, u32 version (2)
//   string machine type, string guest tables' machine type,
//   u32 possible CPUs, u32 unattached, u32 peripheral-anon counters
//   per slot: u8 flags (bit0 object exists, bit1 enabled, bit2 hot-plugged), string id, string QOM path
//   blob event device, blob hot-plug block (src/hotplug/vmstate.ts)
// Strings and blobs are a u32 length and bytes; integers big-endian as in QEMU's stream.

export const MACHINE_STATE_MAGIC = 'CPUHPVM\0';
export const MACHINE_STATE_VERSION = 2;
/** No string in the stream is longer: ids and QOM paths are short. */
const MAX_STRING = 4096;

export interface SlotState {
  readonly exists: boolean;
  readonly enabled: boolean;
  readonly hotplugged: boolean;
  readonly id: string | undefined;
  readonly qomPath: string;
}

export interface MachineState {
  readonly machineType: string;
  /**
   * The machine type whose tables the guest booted with: its own, or after a
   * migration the source's (the guest keeps running the AML it booted with, so the
   * destination serves that AML's register ABI until the guest reboots).
   */
  readonly guestTables: string;
  readonly possibleCpus: number;
  readonly unattached: number;
  readonly anonymous: number;
  readonly slots: readonly SlotState[];
  readonly events: Uint8Array;
  readonly hotplug: Uint8Array;
}

/** A stream that cannot be loaded: cut short, corrupt, or for another machine. */
export class MachineStateError extends Error {
  override readonly name = 'MachineStateError';
  constructor(
    readonly code: 'truncated' | 'bad-magic' | 'bad-version' | 'wrong-machine' | 'wrong-cpu-count' | 'corrupt' | 'trailing-data',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export function encodeMachineState(s: MachineState): Uint8Array {
  const out: number[] = [];
  const u32 = (v: number) => out.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  const blob = (b: Uint8Array) => (u32(b.length), out.push(...b));
  const str = (v: string) => blob(new TextEncoder().encode(v));
  out.push(...new TextEncoder().encode(MACHINE_STATE_MAGIC));
  u32(MACHINE_STATE_VERSION);
  str(s.machineType);
  str(s.guestTables);
  u32(s.possibleCpus);
  u32(s.unattached);
  u32(s.anonymous);
  for (const slot of s.slots) {
    out.push((slot.exists ? 1 : 0) | (slot.enabled ? 2 : 0) | (slot.hotplugged ? 4 : 0));
    str(slot.id ?? '');
    str(slot.qomPath);
  }
  blob(s.events);
  blob(s.hotplug);
  return Uint8Array.from(out);
}

class Reader {
  private at = 0;
  constructor(private readonly b: Uint8Array) {}
  private need(n: number, what: string): void {
    if (this.at + n > this.b.length) {
      throw new MachineStateError('truncated', `machine state is cut short: ${what} needs ${n} bytes at offset ${this.at}, ${this.b.length - this.at} left`);
    }
  }
  u8(what: string): number {
    this.need(1, what);
    return this.b[this.at++]!;
  }
  u32(what: string): number {
    this.need(4, what);
    const v = ((this.b[this.at]! << 24) | (this.b[this.at + 1]! << 16) | (this.b[this.at + 2]! << 8) | this.b[this.at + 3]!) >>> 0;
    this.at += 4;
    return v;
  }
  blob(what: string, max = Number.MAX_SAFE_INTEGER): Uint8Array {
    const n = this.u32(`${what} length`);
    if (n > max) throw new MachineStateError('corrupt', `machine state: ${what} length ${n} exceeds ${max}`);
    this.need(n, what);
    const v = this.b.slice(this.at, this.at + n);
    this.at += n;
    return v;
  }
  str(what: string): string {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(this.blob(what, MAX_STRING));
    } catch (e) {
      if (e instanceof MachineStateError) throw e;
      throw new MachineStateError('corrupt', `machine state: ${what} is not UTF-8`, { cause: e });
    }
  }
  end(): void {
    if (this.at !== this.b.length) {
      throw new MachineStateError('trailing-data', `machine state has ${this.b.length - this.at} bytes of trailing data`);
    }
  }
}

/** Parses a stream fully; throws MachineStateError without side effects. */
export function decodeMachineState(bytes: Uint8Array): MachineState {
  const r = new Reader(bytes);
  const magic = new TextDecoder().decode(Uint8Array.from({ length: 8 }, () => r.u8('magic')));
  if (magic !== MACHINE_STATE_MAGIC) throw new MachineStateError('bad-magic', 'not a cpuhp machine state (bad magic)');
  const version = r.u32('version');
  if (version !== MACHINE_STATE_VERSION) {
    throw new MachineStateError('bad-version', `machine state version ${version} is not supported (expected ${MACHINE_STATE_VERSION})`);
  }
  const machineType = r.str('machine type');
  const guestTables = r.str("guest tables' machine type");
  const possibleCpus = r.u32('possible CPUs');
  if (possibleCpus > 0x10000) throw new MachineStateError('corrupt', `machine state claims ${possibleCpus} possible CPUs`);
  const unattached = r.u32('unattached counter');
  const anonymous = r.u32('peripheral-anon counter');
  const slots: SlotState[] = [];
  for (let i = 0; i < possibleCpus; i++) {
    const flags = r.u8(`slot ${i} flags`);
    if (flags & ~7 || (flags & 6 && !(flags & 1))) throw new MachineStateError('corrupt', `machine state: slot ${i} has invalid flags 0x${flags.toString(16)}`);
    const id = r.str(`slot ${i} id`);
    const qomPath = r.str(`slot ${i} QOM path`);
    slots.push({ exists: (flags & 1) !== 0, enabled: (flags & 2) !== 0, hotplugged: (flags & 4) !== 0, id: id === '' ? undefined : id, qomPath });
  }
  const events = r.blob('event device state', 4096);
  const hotplug = r.blob('hot-plug state');
  r.end();
  return { machineType, guestTables, possibleCpus, unattached, anonymous, slots, events, hotplug };
}
