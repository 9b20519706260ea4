// Mutexes and events (ACPI 6.5 §19.6.2 Acquire, §19.6.119 Release, §19.6.86 Mutex,
// §19.6.44 Event). The interpreter runs one evaluation at a time on one host
// thread, so "owned" means owned by the evaluation in progress: a second Acquire
// nests (as ACPICA does for the owning thread) and nothing ever waits. What is
// enforced is the sync-level order, with ACPICA's rules (exmutex.c):
// - Acquire needs current level <= the mutex's level, and sets the level to it;
// - Release needs the mutex's level == the current level (so mutexes of different
//   levels are released in reverse order), and the last Release restores the level
//   saved by the most recent acquisition still held.
import { AmlError } from './errors.ts';
import type { Runtime } from './runtime.ts';
import type { EventObject, MutexObject } from './types.ts';

export function newMutex(syncLevel: number, owner: { readonly path: string }): MutexObject {
  return { kind: 'mutex', syncLevel, depth: 0, savedSyncLevel: 0, owner };
}

export function acquireMutex(rt: Runtime, m: MutexObject): void {
  if (rt.syncLevel > m.syncLevel) {
    throw new AmlError('mutex-order',
      `cannot acquire ${m.owner.path} (SyncLevel ${m.syncLevel}): current SyncLevel is ${rt.syncLevel}`);
  }
  if (m.depth > 0) {
    m.depth++;
    return;
  }
  m.depth = 1;
  m.savedSyncLevel = rt.syncLevel;
  rt.syncLevel = m.syncLevel;
  rt.held.push(m);
}

export function releaseMutex(rt: Runtime, m: MutexObject): void {
  if (m.depth === 0) throw new AmlError('mutex-not-acquired', `cannot release ${m.owner.path}: it is not acquired`);
  if (m.syncLevel !== rt.syncLevel) {
    throw new AmlError('mutex-order',
      `cannot release ${m.owner.path}: SyncLevel mismatch (mutex ${m.syncLevel}, current ${rt.syncLevel})`);
  }
  if (--m.depth > 0) return;
  // ACPICA restores the level saved by the most recent acquisition still held, so
  // mutexes of one level may be released in any order.
  const last = rt.held[rt.held.length - 1]!;
  rt.syncLevel = last.savedSyncLevel;
  const i = rt.held.lastIndexOf(m);
  if (i >= 0) rt.held.splice(i, 1);
}

/** A Serialized method's implicit mutex: the same rules, but a recursive call only nests. */
export function enterSerialized(rt: Runtime, m: MutexObject): void {
  if (rt.syncLevel > m.syncLevel) {
    throw new AmlError('mutex-order',
      `cannot run Serialized ${m.owner.path} (SyncLevel ${m.syncLevel}): current SyncLevel is ${rt.syncLevel}`);
  }
  if (m.depth > 0) {
    m.depth++;
    return;
  }
  m.depth = 1;
  m.savedSyncLevel = rt.syncLevel;
  rt.syncLevel = m.syncLevel;
}

export function leaveSerialized(rt: Runtime, m: MutexObject): void {
  if (m.depth > 0 && --m.depth === 0) rt.syncLevel = m.savedSyncLevel;
}

// Events: nothing else runs while AML runs, so a Wait is satisfied by an earlier
// Signal or times out at once (advancing the virtual clock by its timeout).
export const newEvent = (): EventObject => ({ kind: 'event', count: 0 });

export function signalEvent(e: EventObject): void {
  e.count++;
}

export function resetEvent(e: EventObject): void {
  e.count = 0;
}

/** True if the wait timed out (AML's Wait returns non-zero then). */
export function waitEvent(rt: Runtime, e: EventObject, timeoutMs: bigint): boolean {
  if (e.count > 0) {
    e.count--;
    return false;
  }
  if (timeoutMs < 0xffffn) rt.clock += timeoutMs * 10_000n;
  return true;
}
