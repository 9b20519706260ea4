// The soak run (test/soak/soak.ts): many QMP clients plugging and unplugging
// vCPUs at random for a set time, then checks that nothing leaked (heap slope,
// sockets, file descriptors, handles, listeners) and that every vCPU is accounted
// for. Exits 1 on any problem.
//
//   node --import tsx scripts/soak.ts [--seconds 300] [--clients 32] [--seed N]

import { runSoak } from '../test/soak/soak.ts';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const seconds = option('seconds', 300);
const clients = option('clients', 32);
const seed = option('seed', 1);
const r = await runSoak({ seconds, clients, seed, sampleMs: Math.max(1000, (seconds * 1000) / 120) });
console.log(`soak: ${clients} clients for ${seconds} s (seed ${seed}): ${r.connections} connections, ${r.commands} commands, ${r.plugs} plugs, ${r.unplugs} unplugs`);
console.log(`soak: heap after GC ${r.heapMb[0]?.toFixed(1)} -> ${r.heapMb.at(-1)?.toFixed(1)} MB; slope over the second half ${r.heapSlopeKbPerMin.toFixed(1)} KB/min`);
for (const p of r.problems) console.log(`soak: PROBLEM: ${p}`);
console.log(r.problems.length === 0 ? 'soak: nothing leaked; every vCPU is accounted for' : `soak: ${r.problems.length} problem(s)`);
process.exitCode = r.problems.length === 0 ? 0 : 1;
