// An expect step's checks against the guest and the VMM. Each check that fails gives
// one short sentence with what was expected and what was found.
import type { Expectation } from './schema.ts';
import type { Session, Window } from './session.ts';

const sortedSet = (xs: readonly number[]) => [...new Set(xs)].sort((a, b) => a - b);
const list = (xs: readonly number[]) => `[${xs.join(',')}]`;
const hex = (n: number) => `0x${n.toString(16)}`;

/** "C001" matches any path ending in that segment; a path with a backslash must match exactly. */
function pathMatches(expected: string, actual: string): boolean {
  return expected.startsWith('\\') ? expected === actual : actual === expected || actual.endsWith(`.${expected}`);
}

const shortPath = (p: string) => p.slice(p.lastIndexOf('.') + 1);

/** Every failed check of `e`, given what happened since the previous expect step. */
export function checkExpectation(s: Session, e: Expectation, w: Window): string[] {
  const out: string[] = [];
  const guestCpus = s.guest.cpus();
  if (e.online) {
    const got = guestCpus.filter((c) => c.online).map((c) => c.cpu);
    if (list(sortedSet(got)) !== list(sortedSet(e.online))) out.push(`guest online CPUs are ${list(got)}, expected ${list(sortedSet(e.online))}`);
  }
  const vmm = s.machine.cpusFast().map((c) => c['cpu-index']);
  if (e.vmmCpus && list(sortedSet(vmm)) !== list(sortedSet(e.vmmCpus))) {
    out.push(`VMM vCPUs are ${list(sortedSet(vmm))}, expected ${list(sortedSet(e.vmmCpus))}`);
  }
  if (e.consistent !== undefined) {
    const guestIds = sortedSet(guestCpus.filter((c) => c.online).map((c) => c.hwId));
    const vmmIds = sortedSet(vmm.map((i) => s.machine.config.cpus[i]!.archId));
    const same = list(guestIds) === list(vmmIds);
    if (same !== e.consistent) {
      out.push(`guest online hardware ids ${list(guestIds)} ${same ? 'equal' : 'differ from'} the VMM's ${list(vmmIds)}, expected them to ${e.consistent ? 'be equal' : 'differ'}`);
    }
  }
  for (const [want, value] of Object.entries(e.sta ?? {})) {
    const path = want.startsWith('\\') ? want : s.guest.processorPaths.find((p) => pathMatches(want, p));
    if (path === undefined) {
      out.push(`no processor object named ${want}`);
      continue;
    }
    const got = s.guest.processorStatus(path);
    if (got !== value) out.push(`${path}._STA is ${hex(got)}, expected ${hex(value)}`);
  }
  if (e.latches) {
    const slots = s.machine.controller.snapshot().slots;
    for (const kind of ['insert', 'remove'] as const) {
      const want = e.latches[kind];
      if (!want) continue;
      const got = slots.filter((x) => (kind === 'insert' ? x.inserting : x.removing)).map((x) => x.index);
      if (list(got) !== list(sortedSet(want))) out.push(`${kind} events latched for slots ${list(got)}, expected ${list(sortedSet(want))}`);
    }
  }
  if (e.notify) {
    const ok = e.notify.length === w.notify.length && e.notify.every((x, i) => pathMatches(x.path, w.notify[i]!.path) && x.value === w.notify[i]!.value);
    if (!ok) {
      const show = (xs: readonly { path: string; value: number }[]) => `[${xs.map((x) => `${shortPath(x.path)}:${x.value}`).join(' ')}]`;
      out.push(`notifies since the last expect were ${show(w.notify)}, expected ${show(e.notify)}`);
    }
  }
  if (e.ost) {
    const ok = e.ost.length === w.ost.length && e.ost.every((x, i) => pathMatches(x.path, w.ost[i]!.path) && x.source === w.ost[i]!.source && x.status === w.ost[i]!.status);
    if (!ok) {
      const show = (xs: readonly { path: string; source: number; status: number }[]) =>
        `[${xs.map((x) => `${shortPath(x.path)}(${hex(x.source)},${hex(x.status)})`).join(' ')}]`;
      out.push(`_OST since the last expect were ${show(w.ost)}, expected ${show(e.ost)}`);
    }
  }
  if (e.events) {
    const ok = e.events.length === w.events.length && e.events.every((x, i) => x.event === w.events[i]!.event && (x.data === undefined || isSubset(x.data, w.events[i]!.data)));
    if (!ok) {
      const show = (xs: readonly { event: string; data?: unknown }[]) => `[${xs.map((x) => `${x.event}${x.data ? JSON.stringify(x.data) : ''}`).join(' ')}]`;
      out.push(`QMP events since the last expect were ${show(w.events)}, expected ${show(e.events)}`);
    }
  }
  if (e.log) {
    let at = 0;
    for (const want of e.log) {
      const found = w.log.findIndex((line, i) => i >= at && line.includes(want));
      if (found < 0) {
        out.push(`no guest log line containing ${JSON.stringify(want)}${at > 0 ? ' after the previous match' : ''} since the last expect`);
        break;
      }
      at = found + 1;
    }
  }
  return out;
}

/** Every key of `want` is in `got` with a deeply equal value (objects recursively as subsets). */
function isSubset(want: unknown, got: unknown): boolean {
  if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
    if (got === null || typeof got !== 'object' || Array.isArray(got)) return false;
    return Object.entries(want).every(([k, v]) => isSubset(v, (got as Record<string, unknown>)[k]));
  }
  if (Array.isArray(want)) {
    return Array.isArray(got) && want.length === got.length && want.every((v, i) => isSubset(v, got[i]));
  }
  return want === got;
}
