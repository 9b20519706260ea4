// Runs ASL cases in our interpreter, uACPI's run_tests.py way: each case gets a
// wall-clock timeout, and the verdict is OK, FAIL or TIMEOUT.
//
// The cases run one after another in a worker thread (test/peers/ours-in-worker.ts):
// when a case times out the worker is terminated, which is the only way to stop
// a synchronous evaluation, and a fresh one takes the next case.

import { OursWorker, type OursOutcome } from '../../../peers/ours-in-worker.ts';
import { loadCaseAml, checkExpectations, type AmlCase } from './cases.ts';

export const DEFAULT_CASE_TIMEOUT_MS = 10_000;

export interface CaseReport {
  readonly name: string;
  readonly status: 'OK' | 'FAIL' | 'TIMEOUT';
  readonly detail: string;
}

type Limits = { loopIterations?: number; callDepth?: number; timeMs?: number };

/** The verdict for one case's outcome against its Expect lines. */
export function judge(c: AmlCase, outcome: OursOutcome): CaseReport {
  if (outcome.status === 'timeout') return { name: c.name, status: 'TIMEOUT', detail: `no result within ${outcome.timeoutMs} ms` };
  if (outcome.status === 'crash') return { name: c.name, status: 'FAIL', detail: outcome.message };
  const error = outcome.errors[0];
  const problems = checkExpectations(c.expect, outcome.trace.results[0] ?? { kind: 'none' }, outcome.trace.notifies, error?.code);
  if (error && problems.length > 0) problems.push(`(AmlError ${error.code}: ${error.message})`);
  return { name: c.name, status: problems.length === 0 ? 'OK' : 'FAIL', detail: problems.join('; ') };
}

/** Runs the cases in order; `onReport` sees each verdict as it comes. */
export async function runCases(
  cases: readonly AmlCase[],
  opts: { timeoutMs?: number; limits?: Limits; onReport?: (r: CaseReport) => void } = {},
): Promise<CaseReport[]> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CASE_TIMEOUT_MS;
  const worker = new OursWorker();
  const reports: CaseReport[] = [];
  try {
    for (const c of cases) {
      const options = { initialize: true, ...(opts.limits ? { limits: opts.limits } : {}) };
      const report = judge(c, await worker.run([loadCaseAml(c)], [{ path: '\\MAIN' }], options, timeoutMs));
      reports.push(report);
      opts.onReport?.(report);
    }
  } finally {
    await worker.stop();
  }
  return reports;
}

/** uACPI's last line: `SUMMARY: 40/42 OK, 1 FAIL, 1 TIMEOUT`. */
export function summaryLine(reports: readonly CaseReport[]): string {
  const count = (s: CaseReport['status']) => reports.filter((r) => r.status === s).length;
  return `SUMMARY: ${count('OK')}/${reports.length} OK, ${count('FAIL')} FAIL, ${count('TIMEOUT')} TIMEOUT`;
}

/** The per-case line: `OK name`, `FAIL name: why`, `TIMEOUT name: why`. */
export const reportLine = (r: CaseReport) => `${r.status} ${r.name}${r.detail ? `: ${r.detail}` : ''}`;
