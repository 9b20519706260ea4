// Runs every ASL case's committed .aml in our interpreter and checks its
// `// Expect:` lines, uACPI's way: one `OK/FAIL/TIMEOUT <case>` line per case
// and a SUMMARY line, each case under a wall-clock timeout (run-cases.ts).
// No iasl or acpiexec needed; the iasl-only checks below skip without it.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { amlSources } from '../../../scripts/compile-aml-cases.ts';
import { IASL_PEER, requirePeer } from '../../peers/peer.ts';
import { compileAsl, listCases, loadCaseAml, sameAml } from './cases/cases.ts';
import { constructCoverage } from './cases/coverage.ts';
import { reportLine, runCases, summaryLine, type CaseReport } from './cases/run-cases.ts';

const cases = listCases();
const CASE_TIMEOUT_MS = 10_000;

describe('ASL cases in our interpreter', () => {
  const reports = new Map<string, CaseReport>();

  before(async () => {
    const all = await runCases(cases, { timeoutMs: CASE_TIMEOUT_MS, onReport: (r) => console.log(reportLine(r)) });
    for (const r of all) reports.set(r.name, r);
    console.log(summaryLine(all));
  }, { timeout: cases.length * CASE_TIMEOUT_MS + 30_000 });

  for (const c of cases) {
    test(`${c.name}: ${c.title}`, () => {
      const r = reports.get(c.name);
      assert.ok(r, `${c.name} was not run`);
      assert.equal(r.status, 'OK', reportLine(r));
    });
  }
});

describe('ASL case files', () => {
  test('there are at least 40 cases, each with a Name, one result Expect line and a committed .aml', () => {
    assert.ok(cases.length >= 40, `only ${cases.length} cases`);
    for (const c of cases) {
      assert.ok(existsSync(c.amlPath), `${c.name}.aml is missing: run scripts/compile-aml-cases.ts`);
      assert.ok(loadCaseAml(c).length > 36, `${c.name}.aml is too short to be a table`);
    }
  });

  test('the committed .aml files are what iasl compiles from the .asl today', { timeout: 120_000 }, (t) => {
    if (!requirePeer(t, IASL_PEER)) return;
    const drifted = amlSources().filter(({ asl, aml }) => !existsSync(aml) || !sameAml(new Uint8Array(readFileSync(aml)), compileAsl(asl)));
    assert.deepEqual(drifted.map((s) => s.aml), [], 'recompile with: node --import tsx scripts/compile-aml-cases.ts');
  });

  test('together the cases exercise every construct the interpreter must support', { timeout: 120_000 }, (t) => {
    if (!requirePeer(t, IASL_PEER)) return;
    const missing = [...constructCoverage(cases)].filter(([, users]) => users.length === 0).map(([name]) => name);
    assert.deepEqual(missing, []);
  });
});
