// Issue 10: the state loader under fuzz (test/fuzz/state-fuzz.ts): truncations,
// bit flips, overwritten bytes and other machines' states, each refused with a
// clear error or loaded exactly. Fixed seed; `node --import tsx scripts/fuzz-vmm.ts
// --suite state` runs longer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport } from '../fuzz/report.ts';
import { runIncomingFuzz, runStateFuzz } from '../fuzz/state-fuzz.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const STATE_FUZZ_INPUTS = 60_000;

test(`the state loader: ${STATE_FUZZ_INPUTS} fuzzed states, each refused cleanly or loaded exactly`, { timeout: 300_000 }, () => {
  const r = runStateFuzz({ seed: 0x5747_e10, inputs: STATE_FUZZ_INPUTS });
  console.log(formatReport(r));
  assert.equal(r.inputs, STATE_FUZZ_INPUTS);
  assert.deepEqual(r.findings, []);
  for (const kind of ['loaded', 'refused: bad-checksum', 'refused: truncated', 'refused: wrong-machine']) {
    assert.ok((r.outcomes.get(kind) ?? 0) > 0, `the fuzz reached '${kind}'`);
  }
});

export const INCOMING_FUZZ_INPUTS = 300;

test(`${INCOMING_FUZZ_INPUTS} fuzzed states through migrate-incoming: loaded exactly or refused with the VM left waiting`, { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-statefuzz-'));
  try {
    const r = await runIncomingFuzz({ seed: 0x1c0e, inputs: INCOMING_FUZZ_INPUTS, dir });
    console.log(formatReport(r));
    assert.deepEqual(r.findings, []);
    assert.ok((r.outcomes.get('completed') ?? 0) > 0 && (r.outcomes.get('failed') ?? 0) > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
