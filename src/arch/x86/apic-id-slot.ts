// device_add of an x86 CPU by its apic-id property instead of (or beside) its
// topology ids: QEMU 7.2's x86_cpu_pre_plug path for an assigned APIC id. The
// QMP differential (test/peers/qmp-differential.test.ts) showed QEMU accepting
// {apic-id: 2} alone and answering, on -smp 1,sockets=2,cores=3,maxcpus=6:
// apic-id 3 "Invalid CPU [socket: 0, die: 0, core: 3, thread: 0] with APIC ID 3,
// valid index range 0:5", apic-id 5 with core-id 0 "property core-id: 0 doesn't
// match set apic-id: 0x5 (core-id: 1)", where cpuhp had said "Property
// 'qemu64-x86_64-cpu.apic-id' not found". QEMU 9.1 added the module level to x86,
// and QEMU 10.0 names it too: "Invalid CPU [socket: 0, die: 0, module: 0, core: 3,
// thread: 0] ..."; cpuhp has one module per die, so it is always 0.

import { idsFromApicId } from './apic-id.ts';
import { DeviceError } from '../../topology/index.ts';
import type { PossibleCpu, Topology } from '../../topology/index.ts';

/** QEMU's UNASSIGNED_APIC_ID: an apic-id of this value means "not given". */
export const UNASSIGNED_APIC_ID = 0xffffffff;

/**
 * The slot whose APIC id this is, or QEMU's "Invalid CPU [...]" refusal; `module`
 * says whether the refusal names the module level (QEMU ≥ 9.1).
 */
export function slotOfApicId(cpus: readonly PossibleCpu[], t: Topology, apicId: number, module: boolean): PossibleCpu {
  const slot = cpus.find((c) => c.archId === apicId);
  if (slot) return slot;
  const ids = idsFromApicId(t, apicId);
  throw new DeviceError(
    `Invalid CPU [socket: ${ids.socketId}, die: ${ids.dieId}, ${module ? 'module: 0, ' : ''}core: ${ids.coreId}, thread: ${ids.threadId}] with APIC ID ${apicId}, valid index range 0:${cpus.length - 1}`,
  );
}

/**
 * The topology ids given beside apic-id must be the ones it encodes (checked after
 * the slot is known to be free, as QEMU does). `given` holds the values as set:
 * -1 is QEMU's "not set"; other negatives are compared, and printed as %u.
 */
export function checkIdsMatchApicId(t: Topology, apicId: number, given: Readonly<Record<string, number>>): void {
  const ids = idsFromApicId(t, apicId);
  const decoded: [string, number][] = [
    ['socket-id', ids.socketId],
    ['die-id', ids.dieId],
    ['core-id', ids.coreId],
    ['thread-id', ids.threadId],
  ];
  for (const [prop, want] of decoded) {
    const v = given[prop];
    if (v === undefined || v === -1 || v === want) continue;
    throw new DeviceError(`property ${prop}: ${v >>> 0} doesn't match set apic-id: 0x${apicId.toString(16)} (${prop}: ${want})`);
  }
}
