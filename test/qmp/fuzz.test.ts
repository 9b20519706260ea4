// Issue 10: the QMP server under fuzz (test/fuzz/qmp-fuzz.ts): random bytes, huge
// tokens, deep nesting, random valid commands in random order and abrupt
// disconnects, on a real socket with a running guest; the VM always answers and
// its vCPUs (and the guest's) are what the model predicts. Fixed seed;
// scripts/fuzz-vmm.ts runs longer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport } from '../fuzz/report.ts';
import { runQmpFuzz } from '../fuzz/qmp-fuzz.ts';

export const QMP_FUZZ_INPUTS = 15_000;

test(`the QMP server: ${QMP_FUZZ_INPUTS} fuzzed inputs, every one answered, the VM as the model predicts`, { timeout: 600_000 }, async () => {
  const r = await runQmpFuzz({ seed: 0x9e3_10, inputs: QMP_FUZZ_INPUTS });
  console.log(formatReport(r));
  assert.deepEqual(r.findings, []);
  assert.ok(r.inputs >= QMP_FUZZ_INPUTS);
  for (const kind of ['command return', 'command error', 'random bytes', 'huge token', 'deep nesting', 'abrupt disconnect']) {
    assert.ok((r.outcomes.get(kind) ?? 0) > 0, `the fuzz reached '${kind}'`);
  }
});
