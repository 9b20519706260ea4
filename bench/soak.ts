// A short soak (test/soak/soak.ts): 16 QMP clients plugging and unplugging vCPUs
// at random for 30 s on a VM with a running guest. Reports the commands served and
// the slope of the heap after GC over the second half of the run (a leak shows as a
// steady positive slope; scripts/soak.ts runs longer), and any leak or unaccounted
// vCPU it found.

import { runSoak } from '../test/soak/soak.ts';

const SECONDS = 30;
const CLIENTS = 16;

export async function reportSoak(): Promise<void> {
  const r = await runSoak({ seconds: SECONDS, clients: CLIENTS, seed: 1, sampleMs: 500 });
  const perSecond = Math.round(r.commands / SECONDS);
  console.log(
    `${`soak: ${CLIENTS} clients plugging for ${SECONDS} s`.padEnd(48)} heap slope ${r.heapSlopeKbPerMin.toFixed(0)} KB/min ` +
      `(heap ${r.heapMb[0]?.toFixed(1)} -> ${r.heapMb.at(-1)?.toFixed(1)} MB); ${perSecond} commands/s, ${r.plugs} plugs, ${r.unplugs} unplugs, ` +
      `${r.connections} connections; ${r.problems.length === 0 ? 'no leak, every vCPU accounted for' : `PROBLEMS: ${r.problems.join('; ')}`}`,
  );
}
