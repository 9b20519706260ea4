// What the real-guest tests check of a played plan, for both architectures:
// - the guest's own view after each step (present, enabled and online sets, each
//   processor object's _STA, x86 APIC ids, a kernel log free of ACPI errors) and the
//   VMM's over QMP (events, error replies, query-hotpluggable-cpus, query-cpus-fast),
//   against what the plan must bring;
// - the step-by-step comparison of the real pair with cpuhp's VM (register
//   operations, all of the QMP side, guest view), after the differences listed in
//   test/data/real-guest/<arch>-differences.json, each with its reason.
import { readFileSync } from 'node:fs';
import type { MachineConfig } from '../../../src/machine/possible-cpus.ts';
import { BAD_DMESG, type PlanStep, type RealStep, type StepRecord } from './hotplug-plan.ts';

/** One listed difference: a rewrite of one side's record of a step, and why. */
export interface Difference {
  readonly id: string;
  /** The step's register operations (lines joined by \n), its QMP events or its QMP query view (as canonical JSON). */
  readonly side: 'trace' | 'events' | 'vmm';
  /** The record rewritten: the real pair's (default) or cpuhp's. */
  readonly of?: 'real' | 'cpuhp';
  /** Only for these guest kernels (x86: '6.1', '6.12'); all when absent. */
  readonly kernels?: readonly string[];
  /** A regular expression, applied globally and per line (m flag). */
  readonly pattern: string;
  readonly replace: string;
  readonly reason: string;
}

export function loadDifferences(file: string): Difference[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { differences: Difference[] }).differences;
}

/** The slots holding a vCPU after each step (cold-booted ones first). */
export function pluggedAfter(config: MachineConfig, steps: readonly PlanStep[]): Set<number>[] {
  const plugged = new Set(config.cpus.filter((c) => c.coldPlugged).map((c) => c.index));
  return steps.map((s) => {
    for (const slot of s.slots) {
      if (s.op === 'add') plugged.add(slot);
      else if (s.op === 'del' || s.op === 'offline-del') plugged.delete(slot);
    }
    return new Set(plugged);
  });
}

const x86 = (config: MachineConfig) => config.type.arch === 'x86_64';

/**
 * The QMP events a step must bring on the real pair, in order: slot order, as the
 * guest's scan finds them. A removed x86 CPU's local APIC child goes first; the CPU's
 * own DEVICE_DELETED is not sent under TCG (x86-differences.json, qemu-tcg-cpu-deleted).
 */
export function expectedEvents(config: MachineConfig, s: PlanStep): { event: string; data: unknown }[] {
  const ost = (slot: number, source: number, status: number, device: boolean) => ({
    event: 'ACPI_DEVICE_OST',
    data: { info: { ...(device ? { device: `cpu${slot}` } : {}), slot: String(slot), 'slot-type': 'CPU', source, status } },
  });
  const slots = [...s.slots].sort((a, b) => a - b);
  const hot = (slot: number) => !config.cpus[slot]!.coldPlugged;
  if (s.op === 'add') return slots.map((slot) => ost(slot, 1, 0, true));
  if (s.op === 'refuse-del') return slots.map((slot) => ost(slot, 3, 0x80, hot(slot)));
  if (s.op === 'del-rejected') return [];
  return slots.flatMap((slot) => [
    ost(slot, 3, 0x84, hot(slot)),
    x86(config)
      ? { event: 'DEVICE_DELETED', data: { path: `/machine/peripheral/cpu${slot}/lapic` } }
      : { event: 'DEVICE_DELETED', data: { device: `cpu${slot}`, path: `/machine/peripheral/cpu${slot}` } },
    ost(slot, 3, 0, false),
  ]);
}

/** JSON with sorted keys, so member order does not matter. */
export const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));

/**
 * The guest-side and QMP checks of one real step; returns what is wrong. On arm64
 * every possible CPU is present and the plugged ones are enabled (_STA 15, else 13);
 * on x86 the plugged ones are present (_STA 15, else 0) with the slot's APIC id.
 */
export function guestProblems(config: MachineConfig, r: RealStep, step: PlanStep, plugged: Set<number>): string[] {
  const all = config.cpus.map((c) => c.index);
  const want = [...plugged].sort((a, b) => a - b);
  const problems: string[] = [];
  const slotsWhere = (k: 'present' | 'enabled' | 'online') => r.view.filter((v) => v[k]).map((v) => v.slot).join();
  const check = (k: 'present' | 'enabled' | 'online', expect: readonly number[], note = '') => {
    if (slotsWhere(k) !== expect.join()) problems.push(`${k} slots ${slotsWhere(k)}, want ${expect.join()}${note}`);
  };
  if ((r.masks['possible'] ?? []).length !== all.length) problems.push(`possible=${(r.masks['possible'] ?? []).join()}, want ${all.length} CPUs`);
  check('present', x86(config) ? want : all, x86(config) ? '' : ' (arm64: always present)');
  check('enabled', want);
  check('online', want);
  for (const v of r.view) {
    const sta = plugged.has(v.slot) ? 15 : x86(config) ? 0 : 13;
    if (v.sta !== sta) problems.push(`slot ${v.slot}: processor _STA ${v.sta}, want ${sta}`);
    const apic = x86(config) && plugged.has(v.slot) ? config.cpus[v.slot]!.archId : undefined;
    if (v.apicId !== apic) problems.push(`slot ${v.slot}: APIC id ${v.apicId ?? 'none'}, want ${apic ?? 'none'}`);
  }
  for (const line of r.dmesg) if (BAD_DMESG.test(line)) problems.push(`dmesg: ${line}`);
  // Over QMP: the plugged slots hold the vCPUs, and those run.
  const vmmSlots = r.vmm.hotpluggable.map((h) => h.slot).join();
  if (vmmSlots !== want.join()) problems.push(`query-hotpluggable-cpus: vCPUs in slots ${vmmSlots}, want ${want.join()}`);
  const running = r.vmm.cpusFast.map((c) => c.slot).sort((a, b) => a - b).join();
  if (running !== want.join()) problems.push(`query-cpus-fast: slots ${running}, want ${want.join()}`);
  if (canonical(r.events) !== canonical(expectedEvents(config, step))) problems.push(`QMP events ${canonical(r.events)}`);
  if (step.op === 'del-rejected' && r.errors.length !== step.slots.length) problems.push(`QMP errors ${canonical(r.errors)}, want one per slot`);
  return problems.map((p) => `${r.label}: ${p}`);
}

/** A record's text on one side, with the listed differences applied; `used` collects the ids that matched. */
function rewrite(text: string, side: Difference['side'], of: 'real' | 'cpuhp', differences: readonly Difference[], kernel: string | undefined, used: Set<string>): string {
  let out = text;
  for (const d of differences) {
    if (d.side !== side || (d.of ?? 'real') !== of) continue;
    if (d.kernels && (kernel === undefined || !d.kernels.includes(kernel))) continue;
    const next = out.replace(new RegExp(d.pattern, 'gm'), d.replace);
    if (next !== out) used.add(d.id);
    out = next;
  }
  return out;
}

/** The steps where the real pair and cpuhp's VM differ beyond the listed differences. */
export function compareWithCpuhp(real: readonly StepRecord[], sim: readonly StepRecord[], differences: readonly Difference[], used: Set<string>, kernel?: string): string[] {
  const out: string[] = [];
  real.forEach((r, i) => {
    const s = sim[i]!;
    const side = (rec: StepRecord, of: 'real' | 'cpuhp') => ({
      trace: rewrite(rec.trace.join('\n'), 'trace', of, differences, kernel, used).split('\n').filter((l) => l !== ''),
      events: rewrite(canonical(rec.events), 'events', of, differences, kernel, used),
      vmm: rewrite(canonical(rec.vmm), 'vmm', of, differences, kernel, used),
    });
    const a = side(r, 'real');
    const b = side(s, 'cpuhp');
    const n = Math.max(a.trace.length, b.trace.length);
    for (let k = 0; k < n; k++) {
      if (a.trace[k] !== b.trace[k]) {
        out.push(`${r.label}: register operation ${k}: real "${a.trace[k] ?? '(none)'}", cpuhp "${b.trace[k] ?? '(none)'}"`);
        break;
      }
    }
    if (a.events !== b.events) out.push(`${r.label}: QMP events: real ${a.events}, cpuhp ${b.events}`);
    if (canonical(r.errors) !== canonical(s.errors)) out.push(`${r.label}: QMP errors: real ${canonical(r.errors)}, cpuhp ${canonical(s.errors)}`);
    if (canonical(r.view) !== canonical(s.view)) out.push(`${r.label}: guest view: real ${canonical(r.view)}, cpuhp ${canonical(s.view)}`);
    if (a.vmm !== b.vmm) out.push(`${r.label}: query-hotpluggable-cpus/query-cpus-fast: real ${a.vmm}, cpuhp ${b.vmm}`);
  });
  return out;
}
