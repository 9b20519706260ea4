// The comparison of one of our runs with acpiexec's, shared by the differential
// suites: results, Notifies, region accesses and Debug stores, section by
// section, with the first difference shown in a form a reviewer can read.

import assert from 'node:assert/strict';
import type { AcpiexecRun } from './acpiexec.ts';
import { formatAccess, formatValue, type Command, type Trace } from './aml-trace.ts';
import type { OursOutcome } from './ours-in-worker.ts';

/** Lines of one trace section, for a failure message a reviewer can read. */
function sectionLines(t: Trace, section: keyof Trace): string[] {
  switch (section) {
    case 'results': return t.results.map((r, i) => `#${i} ${formatValue(r)}`);
    case 'accesses': return t.accesses.map(formatAccess);
    case 'notifies': return t.notifies.map((n) => `#${n.cmd} ${n.path} 0x${n.value.toString(16)}`);
    case 'debug': return t.debug.map((d) => `#${d.cmd} ${formatValue(d.value)}`);
  }
}

function firstDifference(ours: readonly string[], peer: readonly string[]): string {
  let i = 0;
  while (i < ours.length && i < peer.length && ours[i] === peer[i]) i++;
  const window = (l: readonly string[]) => l.slice(Math.max(0, i - 3), i + 4).map((x, k) => `${k + Math.max(0, i - 3) === i ? '>' : ' '} ${x}`).join('\n');
  return `first difference at entry ${i} (ours ${ours.length} entries, acpiexec ${peer.length})\n-- ours:\n${window(ours)}\n-- acpiexec:\n${window(peer)}`;
}

/** Our outcome must be a finished run whose trace equals acpiexec's, section by section. */
export function assertSameTrace(ours: OursOutcome, peer: AcpiexecRun, commands: readonly Command[]): void {
  if (ours.status === 'timeout') assert.fail(`our interpreter did not finish within ${ours.timeoutMs} ms`);
  if (ours.status === 'crash') assert.fail(`our interpreter threw a non-AmlError: ${ours.message}`);
  const why = (i: number) => {
    const e = ours.errors[i];
    return `${commands[i]?.path}: ours ${e ? `AmlError ${e.code} (${e.message})` : 'ok'}, acpiexec ${peer.statuses[i] ?? 'ok'}`;
  };
  for (const section of ['results', 'notifies', 'accesses', 'debug'] as const) {
    const a = sectionLines(ours.trace, section);
    const b = sectionLines(peer.trace, section);
    const failed: string[] = ours.errors.flatMap((e, i) => (e || peer.statuses[i] ? [why(i)] : []));
    assert.deepEqual(a, b, `${section} differ; ${firstDifference(a, b)}${failed.length ? `\nfailed commands: ${failed.join('; ')}` : ''}`);
  }
  assert.deepEqual(ours.trace, peer.trace);
}
