// Issue #6: the README's Quick start lines work on a fresh clone. The lines are
// read from README.md (so this test follows the README), the repository is
// copied as a clone would have it (quick-start.ts: tracked files, modified ones
// as they are, no node_modules), and each line is run with sh in the copy:
// - the main-job line (`npm ci && npx cpuhp run`) in the background: its
//   printed `QMP on unix:PATH` is used to negotiate and send quit; it must exit
//   with status 0 having printed the readable startup lines;
// - the test line (`npm ci && npm test`) to completion, with
//   CPUHP_README_TEST=1 so that this test, inside the nested run, only prints
//   one SKIPPED line instead of recursing;
// - any other line to completion, status 0.
// The nested shell gets the environment a reader's shell would have: no npm_*
// variables and no node_modules/.bin on PATH from the run that started it.
// CPUHP_README_UNTRACKED=1 also copies untracked, non-ignored files, to try the
// Quick start before new files are committed.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import { inOrder } from './run-process.ts';
import { freshClone, killGroup, quickStartLines, REPO, runMainJob, shell, untrackedFiles } from './quick-start.ts';

const NESTED = 'CPUHP_README_TEST';
/** npm ci (registry, default cache) and the start of cpuhp run. */
const MAIN_JOB_START_MS = 180_000;
/** npm ci and the whole nested test suite. */
const TEST_LINE_MS = 25 * 60_000;
const NAME = 'the README Quick start lines work on a fresh clone (issue #6)';

/**
 * A reader's shell: without this run's npm variables, its node_modules/.bin, and
 * NODE_TEST_CONTEXT (set for test files; a nested `node --test` that sees it
 * runs no files at all and exits 0).
 */
function readerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k) && !['INIT_CWD', 'NODE_TEST_CONTEXT'].includes(k)) env[k] = v;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((d) => !d.includes('node_modules/.bin'))
    .join(delimiter);
  return { ...env, ...extra };
}

test(NAME, { timeout: TEST_LINE_MS + MAIN_JOB_START_MS + 60_000 }, async (t) => {
  if (process.env[NESTED] === '1') {
    process.stdout.write(`SKIPPED: ${NAME} (nested run inside it, ${NESTED}=1)\n`);
    t.skip(`nested run (${NESTED}=1)`);
    return;
  }
  const lines = quickStartLines(readFileSync(join(REPO, 'README.md'), 'utf8'));
  t.diagnostic(`Quick start: ${JSON.stringify(lines)}`);
  assert.ok(lines.length >= 2, 'the Quick start has its two lines');
  assert.match(lines[0]!, /^npm ci && npx cpuhp run\b/, 'the first Quick start line runs the main job');
  assert.ok(lines.some((l) => /\bnpm (run )?test\b/.test(l)), 'a Quick start line runs the tests');

  const withUntracked = process.env.CPUHP_README_UNTRACKED === '1';
  // A modified file that imports a new, not yet added one fails in the clone: say which.
  const missing = withUntracked ? [] : untrackedFiles().filter((f) => /^(src|bin|test|bench|scripts)\//.test(f) || f.startsWith('package'));
  const hint = missing.length > 0 ? `\n(not in the clone, untracked: ${missing.join(', ')}; git add them, or CPUHP_README_UNTRACKED=1)` : '';
  const dest = mkdtempSync(join(tmpdir(), 'cpuhp-readme-'));
  try {
    const files = freshClone(dest, { untracked: withUntracked });
    assert.ok(files > 0 && existsSync(join(dest, 'package.json')) && !existsSync(join(dest, 'node_modules')));
    t.diagnostic(`copied ${files} files to ${dest}`);
    for (const line of lines) {
      await t.test(line, async () => {
        if (/\bcpuhp run\b/.test(line)) {
          const p = shell(line, dest, readerEnv());
          try {
            const { exit, qmpPath } = await runMainJob(p, MAIN_JOB_START_MS).catch((e: Error) => {
              throw new Error(`${e.message}${hint}`);
            });
            assert.deepEqual(exit, { code: 0, signal: null }, p.transcript() + hint);
            assert.equal(existsSync(qmpPath), false, 'the QMP socket is removed');
            inOrder(p.stdout, [
              /^cpuhp: \S+ \(\w+\), \d+ of \d+ vCPUs, running; QMP on unix:\S+$/,
              /^cpuhp: try \{"execute":"qmp_capabilities"\}/,
              /^\[\s+\d+\.\d{6}\] ACPI: \d+ possible CPUs, \d+ enabled at boot$/,
              /^\[\s+\d+\.\d{6}\] smp: Brought up 1 node, \d+ CPUs?$/,
              /^cpuhp: stopped$/,
            ]);
          } finally {
            killGroup(p);
          }
          return;
        }
        const nestedTests = /\bnpm (run )?test\b/.test(line);
        const p = shell(line, dest, readerEnv(nestedTests ? { [NESTED]: '1' } : {}));
        try {
          const exit = await p.stop(undefined, nestedTests ? TEST_LINE_MS : MAIN_JOB_START_MS);
          assert.deepEqual(exit, { code: 0, signal: null }, p.transcript() + hint);
          if (nestedTests) {
            const passed = Number(p.stdout.map((l) => /^ℹ pass (\d+)$/.exec(l)?.[1]).find((n) => n !== undefined) ?? 0);
            assert.ok(passed > 0, `the nested run ran tests\n${p.transcript()}`);
            assert.ok(p.stdout.some((l) => /^ℹ fail 0$/.test(l)), p.transcript());
            const skipped = p.stdout.filter((l) => l.startsWith(`SKIPPED: ${NAME}`));
            assert.equal(skipped.length, 1, `inside the nested run this test only says SKIPPED, once\n${p.transcript()}`);
            t.diagnostic(`nested run: ${passed} tests passed`);
          }
        } finally {
          killGroup(p);
        }
      });
    }
  } finally {
    rmSync(dest, { recursive: true, force: true });
  }
});
