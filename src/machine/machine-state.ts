// The migration stream of a whole machine: which vCPU objects exist and how they
// are named (QEMU rebuilds these from the destination's -device list; we carry
// them), the event device, and the hot-plug block in QEMU's vmstate layout.
// Integers are big-endian as in QEMU's stream; strings and blobs are a u32 length
// and bytes.
//
//   header (MACHINE_STATE_HEADER_BYTES = 20), read and checked first:
//     "CPUHPVM" 0x00, u32 version (2), u32 payload length, u32 CRC-32 of the payload
//   payload:
//     string machine type, string the machine type whose tables the guest runs
//     u32 cpus, maxcpus, sockets, dies, clusters, cores, threads   (the -smp topology)
//     string run state of the source when it was saved (QEMU's "globalstate")
//     u32 unattached, u32 peripheral-anon counters
//     per possible CPU: u8 flags (bit0 object exists, bit1 enabled, bit2 hot-plugged),
//                       string id, string QOM path
//     blob event device, blob hot-plug block (src/hotplug/vmstate.ts, with its own version)
//
// Version 2 added the header's length and checksum, the topology and the run state
// (issue 10: most single-bit flips loaded as silently altered state, and a stream
// of another -smp with as many possible CPUs loaded). Version 1 streams are refused.

import { crc32 } from './crc32.ts';
import type { Topology } from '../topology/index.ts';
import { BigEndianReader, BigEndianWriter, CodedError } from '../base/index.ts';

const MACHINE_STATE_MAGIC = 'CPUHPVM\0';
export const MACHINE_STATE_VERSION = 2;
export const MACHINE_STATE_HEADER_BYTES = 20;
/**
 * The largest stream loaded, header included. q35 with 4096 vCPUs, every one
 * hot-plugged with a 20-character id, saves about 400 KB; the bound leaves room
 * for ids up to MAX_STRING on every slot of a few hundred vCPUs, and keeps a file
 * that is not a state (or a device that never ends) from being read.
 */
export const MAX_MACHINE_STATE_BYTES = 16 << 20;
/** No string in the stream is longer: ids and QOM paths are short. */
const MAX_STRING = 4096;

export interface SlotState {
  readonly exists: boolean;
  readonly enabled: boolean;
  readonly hotplugged: boolean;
  readonly id: string | undefined;
  readonly qomPath: string;
}

/** The -smp topology, as QEMU's CpuTopology. */
export type TopologyState = Topology;

export interface MachineState {
  readonly machineType: string;
  /**
   * The machine type whose tables the guest booted with: its own, or after a
   * migration the source's (the guest keeps running the AML it booted with, so the
   * destination serves that AML's register ABI until the guest reboots).
   */
  readonly guestTables: string;
  readonly topology: TopologyState;
  /** QEMU's run state name on the source when it was saved ('running', 'paused', ...). */
  readonly runState: string;
  readonly unattached: number;
  readonly anonymous: number;
  /** One per possible CPU (topology.maxCpus). */
  readonly slots: readonly SlotState[];
  readonly events: Uint8Array;
  readonly hotplug: Uint8Array;
}

export type MachineStateErrorCode =
  | 'truncated'
  | 'bad-magic'
  | 'bad-version'
  | 'too-large'
  | 'bad-checksum'
  | 'wrong-machine'
  | 'wrong-cpu-count'
  | 'wrong-topology'
  | 'corrupt'
  | 'trailing-data';

/** A stream that cannot be loaded: cut short, corrupt, or for another machine. */
export class MachineStateError extends CodedError<MachineStateErrorCode> {}

const TOPOLOGY_KEYS = ['cpus', 'maxCpus', 'sockets', 'dies', 'clusters', 'cores', 'threads'] as const;

/** The topology as -smp spells it, for messages. */
export function formatTopology(t: TopologyState): string {
  return `cpus=${t.cpus},maxcpus=${t.maxCpus},sockets=${t.sockets},dies=${t.dies},clusters=${t.clusters},cores=${t.cores},threads=${t.threads}`;
}

/** The machine state's writer: big-endian fields and length-prefixed blobs and strings. */
class Writer extends BigEndianWriter {
  blob(b: Uint8Array): void {
    this.u32(b.length);
    this.bytes(b);
  }
  str(v: string): void {
    this.blob(new TextEncoder().encode(v));
  }
}

export function encodeMachineState(s: MachineState): Uint8Array {
  const w = new Writer();
  w.str(s.machineType);
  w.str(s.guestTables);
  for (const k of TOPOLOGY_KEYS) w.u32(s.topology[k]);
  w.str(s.runState);
  w.u32(s.unattached);
  w.u32(s.anonymous);
  for (const slot of s.slots) {
    w.u8((slot.exists ? 1 : 0) | (slot.enabled ? 2 : 0) | (slot.hotplugged ? 4 : 0));
    w.str(slot.id ?? '');
    w.str(slot.qomPath);
  }
  w.blob(s.events);
  w.blob(s.hotplug);
  const payload = w.done();
  const header = new Uint8Array(MACHINE_STATE_HEADER_BYTES);
  header.set(new TextEncoder().encode(MACHINE_STATE_MAGIC));
  const view = new DataView(header.buffer);
  view.setUint32(8, MACHINE_STATE_VERSION);
  view.setUint32(12, payload.length);
  view.setUint32(16, crc32(payload));
  return Buffer.concat([header, payload]);
}

class Reader extends BigEndianReader {
  constructor(b: Uint8Array) {
    super(b, (what, n, at, left) => new MachineStateError('truncated', `machine state is cut short: ${what} needs ${n} bytes at offset ${at}, ${left} left`));
  }
  blob(what: string, max = Number.MAX_SAFE_INTEGER): Uint8Array {
    const n = this.u32(`${what} length`);
    if (n > max) throw new MachineStateError('corrupt', `machine state: ${what} length ${n} exceeds ${max}`);
    return this.bytes(n, what);
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
    if (this.left !== 0) {
      throw new MachineStateError('trailing-data', `machine state has ${this.left} bytes of trailing data`);
    }
  }
}

export interface MachineStateHeader {
  readonly version: number;
  /** Bytes that follow the header. */
  readonly payloadBytes: number;
  readonly checksum: number;
}

/**
 * Checks the first MACHINE_STATE_HEADER_BYTES of a stream: magic, version, and a
 * payload length within MAX_MACHINE_STATE_BYTES. A loader reads this much first
 * and then exactly `payloadBytes` more, so a file that is not a state is never
 * read further than its header.
 */
export function readMachineStateHeader(bytes: Uint8Array): MachineStateHeader {
  // The magic first, as far as there are bytes: a short file that is not a state says so.
  const magic = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
  if (!MACHINE_STATE_MAGIC.startsWith(magic) || (magic === '' && bytes.length > 0)) {
    throw new MachineStateError('bad-magic', 'not a cpuhp machine state (bad magic)');
  }
  if (bytes.length < MACHINE_STATE_HEADER_BYTES) {
    throw new MachineStateError('truncated', `machine state is cut short: the header needs ${MACHINE_STATE_HEADER_BYTES} bytes, ${bytes.length} given`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, MACHINE_STATE_HEADER_BYTES);
  const version = view.getUint32(8);
  if (version !== MACHINE_STATE_VERSION) {
    throw new MachineStateError('bad-version', `machine state version ${version} is not supported (expected ${MACHINE_STATE_VERSION})`);
  }
  const payloadBytes = view.getUint32(12);
  if (payloadBytes > MAX_MACHINE_STATE_BYTES - MACHINE_STATE_HEADER_BYTES) {
    throw new MachineStateError('too-large', `machine state claims ${payloadBytes} bytes, more than the ${MAX_MACHINE_STATE_BYTES}-byte limit`);
  }
  return { version, payloadBytes, checksum: view.getUint32(16) };
}

/** Parses a stream fully; throws MachineStateError without side effects. */
export function decodeMachineState(bytes: Uint8Array): MachineState {
  const header = readMachineStateHeader(bytes);
  const payload = bytes.subarray(MACHINE_STATE_HEADER_BYTES);
  if (payload.length < header.payloadBytes) {
    throw new MachineStateError('truncated', `machine state is cut short: ${header.payloadBytes} bytes announced, ${payload.length} present`);
  }
  if (payload.length > header.payloadBytes) {
    throw new MachineStateError('trailing-data', `machine state has ${payload.length - header.payloadBytes} bytes of trailing data`);
  }
  const sum = crc32(payload);
  if (sum !== header.checksum) {
    throw new MachineStateError('bad-checksum', `machine state is corrupt: checksum 0x${sum.toString(16).padStart(8, '0')}, expected 0x${header.checksum.toString(16).padStart(8, '0')}`);
  }
  return decodePayload(new Reader(payload));
}

function decodePayload(r: Reader): MachineState {
  const machineType = r.str('machine type');
  const guestTables = r.str("guest tables' machine type");
  const t: Record<string, number> = {};
  for (const k of TOPOLOGY_KEYS) t[k] = r.u32(`topology ${k}`);
  const topology = t as unknown as TopologyState;
  if (topology.maxCpus > 0x10000) throw new MachineStateError('corrupt', `machine state claims ${topology.maxCpus} possible CPUs`);
  const runState = r.str('run state');
  const unattached = r.u32('unattached counter');
  const anonymous = r.u32('peripheral-anon counter');
  const slots: SlotState[] = [];
  for (let i = 0; i < topology.maxCpus; i++) {
    const flags = r.u8(`slot ${i} flags`);
    if (flags & ~7 || (flags & 6 && !(flags & 1))) throw new MachineStateError('corrupt', `machine state: slot ${i} has invalid flags 0x${flags.toString(16)}`);
    const id = r.str(`slot ${i} id`);
    const qomPath = r.str(`slot ${i} QOM path`);
    slots.push({ exists: (flags & 1) !== 0, enabled: (flags & 2) !== 0, hotplugged: (flags & 4) !== 0, id: id === '' ? undefined : id, qomPath });
  }
  const events = r.blob('event device state', 4096);
  const hotplug = r.blob('hot-plug state');
  r.end();
  return { machineType, guestTables, topology, runState, unattached, anonymous, slots, events, hotplug };
}
