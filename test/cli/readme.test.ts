// The README's Quick start (issue #6) is tried on a fresh clone by
// scripts/check-quick-start.ts, which .ci/run runs after the README's test line:
// run inside `npm test` it would nest the whole suite (issue 10). Here, quickly:
// the lines that script reads are there, and CI runs the script after them.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { quickStartLines, REPO } from './quick-start.ts';

describe('README Quick start', () => {
  test('has the main-job line first and a test line', () => {
    const lines = quickStartLines(readFileSync(join(REPO, 'README.md'), 'utf8'));
    assert.match(lines[0]!, /^npm ci && npx cpuhp run\b/);
    assert.ok(lines.some((l) => /\bnpm (run )?test\b/.test(l)), JSON.stringify(lines));
  });

  test('.ci/run tries it on a fresh clone after running the test line', () => {
    const ci = readFileSync(join(REPO, '.ci/run'), 'utf8').split('\n').map((l) => l.trim());
    const testLine = ci.indexOf('npm ci && npm test');
    const check = ci.findIndex((l) => /^node --import tsx scripts\/check-quick-start\.ts\b/.test(l));
    assert.ok(testLine >= 0, ".ci/run runs the README's test line");
    assert.ok(check > testLine, '.ci/run runs scripts/check-quick-start.ts after it');
    assert.ok(existsSync(join(REPO, 'scripts/check-quick-start.ts')));
  });

  test('quickStartLines reads the first sh block of the section, without comments', () => {
    const readme = '# x\n\n## Quick start\n\n```sh\n# comment\nnpm ci && npx cpuhp run\n\nnpm ci && npm test\n```\n\n## Next\n```sh\nother\n```\n';
    assert.deepEqual(quickStartLines(readme), ['npm ci && npx cpuhp run', 'npm ci && npm test']);
    assert.throws(() => quickStartLines('# no section'), /no "## Quick start" section/);
  });
});
