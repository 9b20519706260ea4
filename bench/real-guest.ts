// The arm64 real pair beside cpuhp's own VM, for the same plan (test/data/real-guest/
// arm64-basic.json): Linux 6.12 under the RFC V5 QEMU with cpuhp's virt tables, and
// cpuhp's virt VM with its simulated guest. Wall time on both sides (a real guest's
// boot is wall time), medians of RUNS runs: boot to the guest's shell, and each
// step from its first QMP command to the guest's last _OST. The real side's steps do
// not count the harness's pauses after removals (see test/peers/guest/hotplug-plan.ts).
// Printed only when the peers are installed; a run whose RFC QEMU crashed is retried.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { findMachineType } from '../src/machine/machine-types.ts';
import { createMachineConfig } from '../src/machine/possible-cpus.ts';
import { Vm } from '../src/vm/vm.ts';
import { loadPlan, playOnCpuhp, type StepRecord } from '../test/peers/guest/hotplug-plan.ts';
import { RFC_GUEST_PEERS } from '../test/peers/guest/rfc-machine.ts';
import { playPlanOnRfcRetrying } from '../test/peers/guest/rfc-plan.ts';
import type { PairRun } from '../test/peers/guest/real-pair.ts';
import { peerAvailable } from '../test/peers/peer.ts';

const RUNS = 3;
const PLAN = fileURLToPath(new URL('../test/data/real-guest/arm64-basic.json', import.meta.url));
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchRealGuest(): Promise<void> {
  if (!RFC_GUEST_PEERS.every(peerAvailable)) {
    console.log('real arm64 pair: skipped (needs the RFC V5 QEMU and the arm64 guest: bash scripts/install-peers.sh)');
    return;
  }
  const plan = loadPlan(PLAN);
  const real: PairRun[] = [];
  for (let i = 0; i < RUNS; i++) real.push(await playPlanOnRfcRetrying(plan, 'cpuhp', (l) => console.log(`  (${l})`)));
  const oursBoot: number[] = [];
  const ours: StepRecord[][] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    new Vm(createMachineConfig(findMachineType(plan.machine), plan.smp), { startPaused: false, guest: {}, onQuit: () => {} }).start();
    oursBoot.push(performance.now() - t0);
    ours.push(playOnCpuhp(plan));
  }
  const rb = median(real.map((r) => r.bootSeconds * 1000));
  const ob = median(oursBoot);
  console.log(`real arm64 pair vs cpuhp virt VM, ${plan.name.split(':')[0]} (${plan.smp}), wall time, median of ${RUNS}:`);
  console.log(`  ${'boot to shell'.padEnd(28)} real ${rb.toFixed(0).padStart(7)} ms   cpuhp ${ob.toFixed(2).padStart(8)} ms   ${(rb / ob).toFixed(0)}x`);
  plan.steps.forEach((_, i) => {
    const r = median(real.map((x) => x.steps[i]!.elapsedMs));
    const o = median(ours.map((x) => x[i]!.elapsedMs));
    console.log(`  ${real[0]!.steps[i]!.label.padEnd(28)} real ${r.toFixed(0).padStart(7)} ms   cpuhp ${o.toFixed(2).padStart(8)} ms   ${(r / o).toFixed(0)}x`);
  });
}
