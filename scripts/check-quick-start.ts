// The README's Quick start, tried as a reader would on a fresh clone (issue #6),
// run by .ci/run after the README's test line (it used to be a test inside
// `npm test` that ran `npm test` again, nested; issue 10 made it this script):
//
//   node --import tsx scripts/check-quick-start.ts [--untracked] [--skip-test-line]
//
// --skip-test-line leaves out the test line: .ci/run passes it because CI's checkout
// is itself a fresh clone, in which the README's test line has just run, and the
// whole suite (real guests included) need not run twice.
//
// The lines are read from README.md's "## Quick start" block; the repository is
// copied as a clone would have it (tracked files as they are in the working tree;
// --untracked also copies untracked files git does not ignore, to try it before
// committing) into a temp dir, and each line is run there with sh, in a reader's
// environment (no npm_* variables, no node_modules/.bin on PATH):
// - the main-job line (`npm ci && npx cpuhp run`): its `QMP on unix:PATH` is
//   used to negotiate and quit; it must exit 0 having printed the readable start-up
//   lines, and remove its socket;
// - every other line (`npm ci && npm test`) must finish with status 0.
// Prints one line per step and exits 0 when all passed, 1 otherwise.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { inOrder } from '../test/cli/run-process.ts';
import { freshClone, killGroup, quickStartLines, REPO, runMainJob, shell, untrackedFiles } from '../test/cli/quick-start.ts';
import { scaled } from '../test/support/load-scale.ts';

/** npm ci (registry, default cache) and the start of cpuhp run, on an idle machine. */
const MAIN_JOB_START_MS = 180_000;
/** npm ci and the whole test suite, on an idle machine. */
const TEST_LINE_MS = 30 * 60_000;

/** A reader's shell: without this run's npm variables, its node_modules/.bin, or NODE_TEST_CONTEXT. */
function readerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k) && !['INIT_CWD', 'NODE_TEST_CONTEXT'].includes(k)) env[k] = v;
  }
  env['PATH'] = (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter((d) => !d.includes('node_modules/.bin'))
    .join(delimiter);
  return env;
}

async function runLine(line: string, dest: string): Promise<void> {
  const p = shell(line, dest, readerEnv());
  try {
    if (/\bcpuhp run\b/.test(line)) {
      const { exit, qmpPath } = await runMainJob(p, scaled(MAIN_JOB_START_MS));
      if (exit.code !== 0 || exit.signal !== null) throw new Error(`exited with ${JSON.stringify(exit)}\n${p.transcript()}`);
      if (existsSync(qmpPath)) throw new Error(`the QMP socket ${qmpPath} was left behind`);
      inOrder(p.stdout, [
        /^cpuhp: \S+ \(\w+\), \d+ of \d+ vCPUs, running; QMP on unix:\S+$/,
        /^cpuhp: try \{"execute":"qmp_capabilities"\}/,
        /^\[\s+\d+\.\d{6}\] ACPI: \d+ possible CPUs, \d+ enabled at boot$/,
        /^\[\s+\d+\.\d{6}\] smp: Brought up 1 node, \d+ CPUs?$/,
        /^cpuhp: stopped$/,
      ]);
      return;
    }
    const exit = await p.stop(undefined, scaled(TEST_LINE_MS));
    if (exit.code !== 0 || exit.signal !== null) throw new Error(`exited with ${JSON.stringify(exit)}\n${p.transcript()}`);
    if (/\bnpm (run )?test\b/.test(line) && !p.stdout.some((l) => /^ℹ fail 0$/.test(l))) {
      throw new Error(`the test run did not report "fail 0"\n${p.transcript()}`);
    }
  } finally {
    killGroup(p);
  }
}

async function main(): Promise<number> {
  const withUntracked = process.argv.includes('--untracked');
  const lines = quickStartLines(readFileSync(join(REPO, 'README.md'), 'utf8'));
  if (lines.length < 2 || !/^npm ci && npx cpuhp run\b/.test(lines[0]!) || !lines.some((l) => /\bnpm (run )?test\b/.test(l))) {
    console.log(`FAIL: the Quick start must start with 'npm ci && npx cpuhp run' and have a test line: ${JSON.stringify(lines)}`);
    return 1;
  }
  const missing = withUntracked ? [] : untrackedFiles().filter((f) => /^(src|bin|test|bench|scripts)\//.test(f) || f.startsWith('package'));
  if (missing.length > 0) console.log(`note: not in the clone, untracked: ${missing.join(', ')} (git add them, or --untracked)`);
  const dest = mkdtempSync(join(tmpdir(), 'cpuhp-readme-'));
  let failed = 0;
  try {
    console.log(`copied ${freshClone(dest, { untracked: withUntracked })} files to ${dest}`);
    const skipTests = process.argv.includes('--skip-test-line');
    for (const line of lines) {
      if (skipTests && /\bnpm (run )?test\b/.test(line)) {
        console.log(`skipped: ${line} (--skip-test-line: it ran on this fresh checkout already)`);
        continue;
      }
      const t0 = Date.now();
      try {
        await runLine(line, dest);
        console.log(`ok: ${line} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      } catch (e) {
        failed++;
        console.log(`FAIL: ${line}: ${(e as Error).message}`);
      }
    }
  } finally {
    rmSync(dest, { recursive: true, force: true });
  }
  console.log(failed === 0 ? 'the Quick start works on a fresh clone' : `${failed} Quick start line(s) failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
