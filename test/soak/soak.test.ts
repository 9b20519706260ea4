// Issue 10: a short soak (test/soak/soak.ts) in the suite: 8 clients plugging and
// unplugging at random for 8 s, then no client, file descriptor, handle or listener
// left over, and every vCPU accounted for (VMM, replies and guest agree). What it
// asserts does not depend on speed; the heap slope is reported by `npm run bench`
// and scripts/soak.ts, not asserted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSoak } from './soak.ts';

test('8 clients plugging and unplugging for 8 s: nothing leaked, every vCPU accounted for', { timeout: 180_000 }, async () => {
  const r = await runSoak({ seconds: 8, clients: 8, seed: 0x50a4 });
  console.log(`soak: ${r.connections} connections, ${r.commands} commands, ${r.plugs} plugs, ${r.unplugs} unplugs; heap slope ${r.heapSlopeKbPerMin.toFixed(0)} KB/min`);
  assert.deepEqual(r.problems, []);
  assert.ok(r.plugs > 0 && r.unplugs > 0 && r.connections > 8);
});
