// Scripts for the hot-plug differential and the runner that plays one on a
// QEMU/cpuhp pair, recording every reply of both sides.
//
// A script is a list of steps:
//   { in: ['inb', port] }                 a qtest read; the reply line is compared
//   { out: ['outl', port, value] }        a qtest write; the reply line ("OK") is compared
//   { qmp: 'device_add', args: {...} }    a QMP command; the normalized reply is compared
// Consecutive in/out steps are pipelined (qtest answers in order), then a QMP
// round trip on both sides collects the events they caused, which are compared
// as one list per run of register steps (and after every QMP command).
//
// A step may carry `exclude: 'why'`: it is still sent to both sides, but its
// replies are not compared. Only for documented QEMU bugs.

import type { Pair, Side } from './hotplug-diff-side.ts';
import type { QmpMessage } from '../qmp/qmp-client.ts';
import { canonicalJson, normalizeQmp } from './hotplug-diff-normalize.ts';

export type InOp = 'inb' | 'inw' | 'inl';
export type OutOp = 'outb' | 'outw' | 'outl';

/** A QMP argument resolved on each side: the qom-path of the CPU with this core-id. */
export interface QomPathOfCore {
  readonly $qomPathOfCore: number;
}

interface StepCommon {
  /** Shown in failure reports. */
  readonly note?: string;
  /** Sent, but not compared: why (a QEMU bug). */
  readonly exclude?: string;
}
export type IoStep = StepCommon & ({ readonly in: readonly [InOp, number] } | { readonly out: readonly [OutOp, number, number] });
export type QmpStep = StepCommon & { readonly qmp: string; readonly args?: Readonly<Record<string, unknown>> };
export type Step = IoStep | QmpStep;

export const isQmp = (s: Step): s is QmpStep => 'qmp' in s;

/** One compared item: a step's replies, or the events a run of steps raised. */
export interface Entry {
  /** Step index, or "events after step N". */
  readonly at: string;
  readonly command: string;
  readonly qemu: string;
  readonly ours: string;
  readonly excluded?: string;
}

export interface Transcript {
  readonly entries: Entry[];
  /** Counts for the report. */
  io: number;
  qmp: number;
  events: number;
}

export const newTranscript = (): Transcript => ({ entries: [], io: 0, qmp: 0, events: 0 });

const hex = (n: number): string => `0x${n.toString(16)}`;

/** The qtest line of a register step. */
export function ioLine(s: IoStep): string {
  return 'in' in s ? `${s.in[0]} ${hex(s.in[1])}` : `${s.out[0]} ${hex(s.out[1])} ${hex(s.out[2] >>> 0)}`;
}

export function describe(s: Step): string {
  const what = isQmp(s) ? `${s.qmp}${s.args !== undefined ? ' ' + JSON.stringify(s.args) : ''}` : ioLine(s);
  return s.note !== undefined ? `${what}  (${s.note})` : what;
}

async function resolveArgs(side: Side, args: Readonly<Record<string, unknown>> | undefined) {
  if (args === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    if (v !== null && typeof v === 'object' && '$qomPathOfCore' in v) {
      const core = (v as QomPathOfCore).$qomPathOfCore;
      const r = await side.qmp.execute('query-hotpluggable-cpus');
      const cpus = (r['return'] ?? []) as { props: Record<string, number>; 'qom-path'?: string }[];
      out[k] = cpus.find((c) => c.props['core-id'] === core)?.['qom-path'] ?? `(no CPU with core-id ${core})`;
    } else out[k] = v;
  }
  return out;
}

const EVENT_SETTLE_TRIES = 20;
const EVENT_SETTLE_MS = 25;

/** Events since the last collection on both sides; waits a little if they differ (late events). */
async function collectEvents(pair: Pair, t: Transcript, at: string): Promise<void> {
  const q: QmpMessage[] = pair.qemu.qmp.takeEvents();
  const o: QmpMessage[] = pair.ours.qmp.takeEvents();
  const show = (list: QmpMessage[]) => canonicalJson(list.map((e) => normalizeQmp(e)));
  for (let i = 0; i < EVENT_SETTLE_TRIES && show(q) !== show(o); i++) {
    await new Promise((r) => setTimeout(r, EVENT_SETTLE_MS));
    await Promise.all([pair.qemu.qmp.barrier(), pair.ours.qmp.barrier()]);
    q.push(...pair.qemu.qmp.takeEvents());
    o.push(...pair.ours.qmp.takeEvents());
  }
  if (q.length === 0 && o.length === 0) return;
  t.events += Math.max(q.length, o.length);
  t.entries.push({ at, command: 'QMP events', qemu: show(q), ours: show(o) });
}

/** Plays `steps` on both sides of `pair`, appending to `t`. Step numbers start at `first`. */
export async function runSteps(pair: Pair, steps: readonly Step[], t: Transcript, first = 0): Promise<void> {
  let i = 0;
  while (i < steps.length) {
    const s = steps[i]!;
    if (isQmp(s)) {
      const [q, o] = await Promise.all(
        [pair.qemu, pair.ours].map(async (side) => side.qmp.execute(s.qmp, await resolveArgs(side, s.args))),
      );
      t.qmp++;
      t.entries.push({
        at: String(first + i),
        command: describe(s),
        qemu: canonicalJson(normalizeQmp(q!, s.qmp)),
        ours: canonicalJson(normalizeQmp(o!, s.qmp)),
        ...(s.exclude !== undefined ? { excluded: s.exclude } : {}),
      });
      await collectEvents(pair, t, `events after step ${first + i}`);
      i++;
      continue;
    }
    let j = i;
    while (j < steps.length && !isQmp(steps[j]!)) j++;
    const run = steps.slice(i, j) as IoStep[];
    const lines = run.map(ioLine);
    const [q, o] = await Promise.all([pair.qemu.qt.batch(lines), pair.ours.qt.batch(lines)]);
    run.forEach((s, k) => {
      t.io++;
      t.entries.push({
        at: String(first + i + k),
        command: describe(s),
        qemu: q![k]!,
        ours: o![k]!,
        ...(s.exclude !== undefined ? { excluded: s.exclude } : {}),
      });
    });
    await Promise.all([pair.qemu.qmp.barrier(), pair.ours.qmp.barrier()]);
    await collectEvents(pair, t, j - i === 1 ? `events after step ${first + i}` : `events after steps ${first + i}..${first + j - 1}`);
    i = j;
  }
}

/** Compared entries that differ. */
export const mismatches = (t: Transcript): Entry[] => t.entries.filter((e) => e.excluded === undefined && e.qemu !== e.ours);

const MAX_REPORTED = 6;
const CONTEXT = 4;

/** A readable failure: the first differences, each with the few entries before it. */
export function report(title: string, t: Transcript): string {
  const bad = mismatches(t);
  const lines = [`${title}: ${bad.length} of ${t.entries.length} compared replies differ`];
  for (const e of bad.slice(0, MAX_REPORTED)) {
    const at = t.entries.indexOf(e);
    lines.push('', `  step ${e.at}: ${e.command}`);
    for (const c of t.entries.slice(Math.max(0, at - CONTEXT), at)) lines.push(`      after: [${c.at}] ${c.command} -> ${c.qemu}`);
    lines.push(`    QEMU:  ${e.qemu}`, `    cpuhp: ${e.ours}`);
  }
  if (bad.length > MAX_REPORTED) lines.push('', `  ... and ${bad.length - MAX_REPORTED} more`);
  return lines.join('\n');
}
