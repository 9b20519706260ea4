// Running one QMP differential sequence (qmp-differential.test.ts) on a fresh
// pair: a QEMU release (7.2 or 10.0) and `cpuhp run`, both started through QTest with
// the same arguments (`-S -qtest stdio ... -qmp unix:...`), each step played on
// both, and everything each side said in answer recorded for comparison:
// replies and events in arrival order, qtest replies, and for `quit` the rest
// of the stream and the exit status.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QmpTestClient, type QmpMessage } from '../qmp/qmp-client.ts';
import { scaled } from '../support/load-scale.ts';
import { QTest } from './qtest.ts';
import { canonical, normalize } from './qmp-differential-normalize.ts';
import type { QemuRelease } from './qemu-releases.ts';
import type { X86Machine } from './qemu-tables.ts';

/** The cpuhp command (a node script run through tsx). */
const CPUHP_BIN = fileURLToPath(new URL('../../bin/cpuhp.js', import.meta.url));
/** Longest wait for the connection to close and the process to exit after quit (idle machine; scaled). */
const QUIT_TIMEOUT_MS = 10_000;

/**
 * One step. There is one QMP connection per side: QEMU's -qmp chardev serves one
 * client at a time (a second connection waits until the first closes).
 */
export type Step = (
  | { readonly send: string } // raw text, exactly as written
  | { readonly cmd: string; readonly args?: Record<string, unknown>; readonly id?: unknown }
  | { readonly qtest: string } // a qtest line; the replies are compared
  | { readonly delCore: Readonly<Record<string, number>> } // device_del by the QOM path each side shows for these props
  | { readonly quit: true } // quit; the rest of the stream and the exit status are compared
) & { readonly note?: string };

export interface Sequence {
  readonly name: string;
  /** The chipset; -machine is the release's type of it (pc-q35-7.2, pc-i440fx-10.0...). Default q35. */
  readonly machine?: X86Machine;
  /** -smp; default 1,maxcpus=4. */
  readonly smp?: string;
  /** More arguments for both sides (e.g. -name). */
  readonly extraArgs?: readonly string[];
  /** Negotiate capabilities on client 0 before the steps (default true). */
  readonly negotiate?: boolean;
  readonly steps: readonly Step[];
}

/** What was compared at one step: a label and each side's normalized answer. */
export interface Entry {
  readonly at: string;
  readonly qemu: string;
  readonly ours: string;
}

interface Side {
  readonly name: 'qemu' | 'cpuhp';
  readonly qt: QTest;
  readonly qmp: QmpTestClient;
}

function stepLabel(i: number, s: Step): string {
  const what =
    'send' in s ? `send ${JSON.stringify(s.send.length > 120 ? `${s.send.slice(0, 120)}…(${s.send.length} chars)` : s.send)}`
    : 'cmd' in s ? `${s.cmd}${s.args !== undefined ? ` ${JSON.stringify(s.args)}` : ''}${s.id !== undefined ? ` id=${JSON.stringify(s.id)}` : ''}`
    : 'qtest' in s ? `qtest ${s.qtest}`
    : 'delCore' in s ? `device_del <qom-path of ${JSON.stringify(s.delCore)}>`
    : 'quit';
  return `step ${i}: ${what}${s.note ? `  [${s.note}]` : ''}`;
}

/** The exit code of a side whose process is ending, polled through qtest. */
async function exitStatus(qt: QTest): Promise<string> {
  const wait = scaled(QUIT_TIMEOUT_MS);
  const deadline = Date.now() + wait;
  while (Date.now() < deadline) {
    try {
      await qt.command('endianness');
    } catch (e) {
      const m = /exited \(code (\S+), signal (\S+)\)/.exec((e as Error).message);
      if (m) return `exit code ${m[1]}, signal ${m[2]}`;
      throw e;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return `still running ${wait} ms after quit`;
}

/** Sends quit and reads until the server closes the connection. */
async function quit(c: QmpTestClient): Promise<QmpMessage[]> {
  const from = c.log.length;
  c.write('{"execute":"quit","id":"quit"}\n');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), scaled(QUIT_TIMEOUT_MS))));
  const how = await Promise.race([c.closed.then(() => 'closed' as const), timeout]);
  clearTimeout(timer);
  const out = c.log.slice(from);
  return how === 'closed' ? out : [...out, { note: 'connection still open' }];
}

async function playStep(i: number, step: Step, sides: readonly [Side, Side], entries: Entry[]): Promise<void> {
  const [q, c] = sides;
  const both = async (fn: (side: Side) => Promise<unknown>) => {
    const [a, b] = await Promise.all([fn(q), fn(c)]);
    entries.push({ at: stepLabel(i, step), qemu: canonical(normalize(a)), ours: canonical(normalize(b)) });
  };
  if ('quit' in step) {
    await both(async (side) => quit(side.qmp));
    await both(async (side) => exitStatus(side.qt));
  } else if ('qtest' in step) {
    // The qtest reply, then what QMP said meanwhile (an _OST write's ACPI_DEVICE_OST).
    await both(async (side) => [await side.qt.command(step.qtest).catch((e: Error) => `qtest error: ${e.message}`), ...(await side.qmp.exchangeAll(''))]);
  } else if ('delCore' in step) {
    await both(async ({ qmp }) => {
      const cpus = (await qmp.execute('query-hotpluggable-cpus'))['return'] as { props: Record<string, number>; 'qom-path'?: string }[];
      const slot = cpus.find((x) => Object.entries(step.delCore).every(([k, v]) => x.props[k] === v));
      if (slot?.['qom-path'] === undefined) return `no plugged CPU with ${JSON.stringify(step.delCore)}`;
      // execute() above went through the log: skip past it before the compared exchange.
      await qmp.exchangeAll('');
      return qmp.exchangeAll(JSON.stringify({ execute: 'device_del', arguments: { id: slot['qom-path'] } }));
    });
  } else {
    const text = 'send' in step ? step.send : JSON.stringify({ execute: step.cmd, ...(step.args ? { arguments: step.args } : {}), ...(step.id !== undefined ? { id: step.id } : {}) });
    await both(async (side) => side.qmp.exchangeAll(text));
  }
}

/** The -machine and -smp a sequence runs with on a release, for titles. */
export const sequenceTarget = (seq: Sequence, release: QemuRelease): string =>
  `${release.types[seq.machine ?? 'q35']} -smp ${seq.smp ?? '1,maxcpus=4'}`;

/** Plays a sequence on a fresh pair (that release's QEMU and cpuhp) and returns what was compared. */
export async function runSequence(seq: Sequence, release: QemuRelease): Promise<Entry[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-qmpdiff-'));
  const args = ['-machine', release.types[seq.machine ?? 'q35'], '-smp', seq.smp ?? '1,maxcpus=4', ...(seq.extraArgs ?? [])];
  const started = await Promise.allSettled([
    QTest.start({ qemu: release.peer.command, args: [...release.args, ...args], qmpPath: join(dir, 'qemu.qmp') }),
    QTest.start({ qemu: CPUHP_BIN, args: ['run', ...args], qmpPath: join(dir, 'cpuhp.qmp') }),
  ]);
  const qts = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const clients: QmpTestClient[] = [];
  try {
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    for (const name of ['qemu', 'cpuhp'] as const) clients.push(await QmpTestClient.connect(join(dir, `${name}.qmp`), { label: `${name} QMP` }));
    const [qc, cc] = clients as [QmpTestClient, QmpTestClient];
    const entries: Entry[] = [{ at: 'greeting', qemu: canonical(normalize(qc.greeting)), ours: canonical(normalize(cc.greeting)) }];
    const pair: readonly [Side, Side] = [
      { name: 'qemu', qt: qts[0]!, qmp: qc },
      { name: 'cpuhp', qt: qts[1]!, qmp: cc },
    ];
    const steps: Step[] = seq.negotiate === false ? [...seq.steps] : [{ cmd: 'qmp_capabilities', note: 'negotiation' }, ...seq.steps];
    for (const [i, step] of steps.entries()) await playStep(i, step, pair, entries);
    return entries;
  } finally {
    for (const c of clients) c.close();
    await Promise.all(qts.map((qt) => qt.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A readable account of the entries that differ (and the ones before them, for context). */
export function report(title: string, entries: readonly Entry[]): string {
  const lines = [`${title}:`];
  for (const e of entries) {
    if (e.qemu === e.ours) lines.push(`  = ${e.at}: ${e.qemu.slice(0, 300)}`);
    else lines.push(`  ≠ ${e.at}\n      qemu:  ${e.qemu}\n      cpuhp: ${e.ours}`);
  }
  return lines.join('\n');
}
