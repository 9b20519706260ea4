// Issue 10: the register block under fuzz through qtest (test/fuzz/register-fuzz.ts):
// random reads and writes of every width and offset on a real `cpuhp run -qtest
// stdio`, device_add/device_del in between, every reply and the state predicted by
// an independent model of the ABI. Fixed seeds; scripts/fuzz-vmm.ts runs longer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport } from '../fuzz/report.ts';
import { runRegisterFuzz } from '../fuzz/register-fuzz.ts';

export const REGISTER_FUZZ_INPUTS = 20_000;

for (const [machine, seed] of [['q35', 0x4e91], ['virt', 0xa64]] as const) {
  test(`${machine}: ${REGISTER_FUZZ_INPUTS} random register accesses and hot-plugs, every reply as the model predicts`, { timeout: 300_000 }, async () => {
    const r = await runRegisterFuzz({ seed, inputs: REGISTER_FUZZ_INPUTS, machine });
    console.log(formatReport(r));
    assert.deepEqual(r.findings, []);
    assert.ok(r.inputs >= REGISTER_FUZZ_INPUTS);
    for (const kind of ['device_add ok', 'device_del ok', 'model: ejected', 'model: insert cleared', 'model: remove cleared', 'model: event found']) {
      assert.ok((r.outcomes.get(kind) ?? 0) > 0, `the fuzz reached '${kind}'`);
    }
  });
}
