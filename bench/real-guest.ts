// The real pairs beside cpuhp's own VM, for the same plan: Linux 6.12 arm64 under the
// RFC V5 QEMU with cpuhp's virt tables (test/data/real-guest/arm64-basic.json), and
// Linux 6.12 amd64 under QEMU 10.0 with cpuhp's q35 AML and MADT (x86-basic.json), each
// beside cpuhp's VM of that machine with its simulated guest. Wall time on both sides
// (a real guest's boot is wall time), medians of RUNS runs: boot to the guest's shell,
// and each step from its first QMP command to the guest's last _OST. The RFC side's
// steps do not count the harness's pauses after removals (test/peers/guest/hotplug-plan.ts).
// Printed only when the peers are installed; a run whose RFC QEMU crashed is retried.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { GuestOptions } from '../src/guest/guest.ts';
import { findMachineType } from '../src/machine/machine-types.ts';
import { createMachineConfig } from '../src/machine/possible-cpus.ts';
import { Vm } from '../src/vm/vm.ts';
import { loadPlan, playOnCpuhp, type Plan, type StepRecord } from '../test/peers/guest/hotplug-plan.ts';
import { playPlanOnPair, type PairRun } from '../test/peers/guest/real-pair.ts';
import { RFC_GUEST_PEERS } from '../test/peers/guest/rfc-machine.ts';
import { playPlanOnRfcRetrying } from '../test/peers/guest/rfc-plan.ts';
import { x86GuestOptions, x86Pair, x86PairLabel, type X86PairSpec } from '../test/peers/guest/x86-machine.ts';
import { peerAvailable, type PeerSpec } from '../test/peers/peer.ts';
import { median } from './measure.ts';

const RUNS = 3;
const planFile = (name: string) => fileURLToPath(new URL(`../test/data/real-guest/${name}`, import.meta.url));
const X86: X86PairSpec = { machine: 'q35', qemu: '10.0', kernel: '6.12' };

interface PairBench {
  readonly label: string;
  readonly peers: readonly PeerSpec[];
  readonly plan: Plan;
  readonly guest: GuestOptions;
  play(plan: Plan): Promise<PairRun>;
}

const PAIRS: readonly PairBench[] = [
  {
    label: 'real arm64 pair (RFC V5 QEMU, Linux 6.12) vs cpuhp virt VM',
    peers: RFC_GUEST_PEERS,
    plan: loadPlan(planFile('arm64-basic.json')),
    guest: {},
    play: (plan) => playPlanOnRfcRetrying(plan, 'cpuhp', (l) => console.log(`  (${l})`)),
  },
  {
    label: `real x86 pair (${x86PairLabel(X86)}) vs cpuhp ${X86.machine} VM`,
    peers: x86Pair(X86).peers,
    plan: { ...loadPlan(planFile('x86-basic.json')), machine: X86.machine },
    guest: x86GuestOptions(X86.kernel),
    play: (plan) => playPlanOnPair(plan, x86Pair(X86), 'cpuhp'),
  },
];

async function benchPair(b: PairBench): Promise<void> {
  if (!b.peers.every(peerAvailable)) {
    console.log(`${b.label}: skipped (needs ${b.peers.map((p) => p.command).join(', ')}: bash scripts/install-peers.sh)`);
    return;
  }
  const { plan } = b;
  const real: PairRun[] = [];
  for (let i = 0; i < RUNS; i++) real.push(await b.play(plan));
  const oursBoot: number[] = [];
  const ours: StepRecord[][] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    new Vm(createMachineConfig(findMachineType(plan.machine), plan.smp), { startPaused: false, guest: b.guest, onQuit: () => {} }).start();
    oursBoot.push(performance.now() - t0);
    ours.push(playOnCpuhp(plan, b.guest));
  }
  const row = (label: string, r: number, o: number) =>
    console.log(`  ${label.padEnd(28)} real ${r.toFixed(0).padStart(7)} ms   cpuhp ${o.toFixed(2).padStart(8)} ms   ${(r / o).toFixed(0)}x`);
  console.log(`${b.label}, ${plan.name.split(':')[0]} (${plan.smp}), wall time, median of ${RUNS}:`);
  row('boot to shell', median(real.map((r) => r.bootSeconds * 1000)), median(oursBoot));
  plan.steps.forEach((_, i) => row(real[0]!.steps[i]!.label, median(real.map((x) => x.steps[i]!.elapsedMs)), median(ours.map((x) => x[i]!.elapsedMs))));
}

export async function benchRealGuest(): Promise<void> {
  for (const b of PAIRS) await benchPair(b);
}
