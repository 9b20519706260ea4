// Longer runs of the VMM fuzz suites that `npm test` runs with fixed seeds and
// about 115,000 inputs in all (test/fuzz/*.ts):
//
//   node --import tsx scripts/fuzz-vmm.ts [--suite state|incoming|registers|qmp|all]
//       [--seed N] [--inputs N] [--rounds N]
//
// Each round uses seed, seed+1, ...; every report line names its seed, so a finding
// is replayed with --seed. Exits 1 if any suite found anything.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatReport, type FuzzReport } from '../test/fuzz/report.ts';
import { runQmpFuzz } from '../test/fuzz/qmp-fuzz.ts';
import { runRegisterFuzz } from '../test/fuzz/register-fuzz.ts';
import { runIncomingFuzz, runStateFuzz } from '../test/fuzz/state-fuzz.ts';

const SUITES = ['state', 'incoming', 'registers', 'qmp'] as const;
type Suite = (typeof SUITES)[number];

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

/** Inputs per round when --inputs is not given: ten times what npm test runs. */
const DEFAULT_INPUTS: Record<Suite, number> = { state: 600_000, incoming: 3_000, registers: 200_000, qmp: 150_000 };

async function run(suite: Suite, seed: number, inputs: number): Promise<FuzzReport[]> {
  switch (suite) {
    case 'state':
      return [runStateFuzz({ seed, inputs })];
    case 'incoming': {
      const dir = mkdtempSync(join(tmpdir(), 'cpuhp-fuzz-'));
      try {
        return [await runIncomingFuzz({ seed, inputs, dir })];
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    case 'registers':
      return [await runRegisterFuzz({ seed, inputs, machine: 'q35' }), await runRegisterFuzz({ seed, inputs, machine: 'virt' })];
    case 'qmp':
      return [await runQmpFuzz({ seed, inputs })];
  }
}

async function main(): Promise<number> {
  const which = option('suite', 'all');
  const suites: readonly Suite[] = which === 'all' ? SUITES : SUITES.filter((s) => s === which);
  if (suites.length === 0) {
    console.log(`unknown suite '${which}' (one of ${SUITES.join(', ')}, all)`);
    return 2;
  }
  const seed = Number(option('seed', String(Date.now() % 1_000_000)));
  const rounds = Number(option('rounds', '1'));
  let findings = 0;
  for (let round = 0; round < rounds; round++) {
    for (const suite of suites) {
      const inputs = Number(option('inputs', String(DEFAULT_INPUTS[suite])));
      for (const r of await run(suite, seed + round, inputs)) {
        console.log(formatReport(r));
        for (const f of r.findings) console.log(`  FINDING: ${f}`);
        findings += r.findings.length;
      }
    }
  }
  return findings === 0 ? 0 : 1;
}

process.exitCode = await main();
