// Issue #11: cpuhp's x86 CPU hot-plug against real Linux. Each row of PAIRS boots
// Linux (6.1 from bookworm or 6.12 from bookworm-backports, amd64) under QEMU (7.2,
// the system's, or 10.0 from the peers folder) with TCG, on the QEMU machine of the
// same name as the row's cpuhp machine type, with cpuhp's CPU hot-plug AML
// (\_SB.PCI0.PRES, \_SB.CPUS, \_GPE._E02, spliced into QEMU's own DSDT) and cpuhp's
// MADT, through the initrd table upgrade; one boot per plan. Every step is checked
// inside the guest (present, enabled and online sets, each processor object's _STA,
// each online CPU's APIC id, no ACPI error or warning in dmesg) and over QMP (the
// events in order, the error of a refused device_del). The same plan also runs on
// cpuhp's own VM and simulated guest: the register operations (QEMU's cpuhp_acpi_*
// trace against cpuhp's), the QMP events and errors and the guest's view must be the
// same, but for the differences listed in test/data/real-guest/x86-differences.json.
//
// The matrix, for CI time (a TCG boot is 3-7 s, a plan 10-20 s): each family's
// first row plays every x86-*.json plan (the trace differential's scenarios) on QEMU
// 10.0; the 7.2-exact types play x86-basic.json, which holds each behaviour the issue
// asks for, on QEMU 10.0's machine of the same name; QEMU 7.2 plays what it survives
// (QEMU_72_PLANS) on the 7.2 types and on q35 and pc. QEMU 10.0 runs both kernels on
// both families; QEMU 7.2 runs Linux 6.1, its release's kernel: Linux 6.12 under QEMU
// 7.2's TCG panicked in 2 of 20 boots (in SLUB's cmpxchg16b path and in
// do_sync_core), which QEMU 10.0 never did. The 10.0-exact types play x86-basic.json
// on QEMU 10.0, as the 7.2-exact ones do.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { loadPlan, playOnCpuhp } from './guest/hotplug-plan.ts';
import { compareWithCpuhp, guestProblems, loadDifferences, pluggedAfter } from './guest/plan-checks.ts';
import { playPlanOnPair } from './guest/real-pair.ts';
import { vcpuCreations, x86GuestOptions, x86Pair, x86PairLabel, type X86PairSpec } from './guest/x86-machine.ts';
import { requirePeers } from './peer.ts';

const PLANS = fileURLToPath(new URL('../data/real-guest', import.meta.url));
const ALL_PLANS = readdirSync(PLANS).filter((f) => /^x86-.*\.json$/.test(f) && !f.includes('differences')).sort();
const BASIC = 'x86-basic.json';
const DIFFERENCES = loadDifferences(join(PLANS, 'x86-differences.json'));

interface Row extends X86PairSpec {
  /** Every x86 plan, the basic one, or the one QEMU 7.2 survives with TCG. */
  readonly plans: 'all' | 'basic' | 'qemu-7.2';
}

/**
 * QEMU 7.2 with TCG does not survive ejects: it crashed during one ("connection
 * closed"), hung in another (no _OST for a minute), and a plug or `cont` after one
 * ended it ("double free or corruption"; ../shared/peers/README.md §3 saw the same
 * segfaults). QEMU 10.0 has none of this. Its rows play the plan without ejects; the
 * 7.2 types' removals run on QEMU 10.0's machines of the same name.
 */
const QEMU_72_PLANS = ['x86-no-eject.json'];

export const PAIRS: readonly Row[] = [
  // q35 family
  { machine: 'q35', qemu: '10.0', kernel: '6.12', plans: 'all' },
  { machine: 'pc-q35-10.0', qemu: '10.0', kernel: '6.12', plans: 'basic' },
  { machine: 'pc-q35-7.2', qemu: '10.0', kernel: '6.1', plans: 'basic' },
  { machine: 'pc-q35-7.2', qemu: '7.2', kernel: '6.1', plans: 'qemu-7.2' },
  { machine: 'q35', qemu: '7.2', kernel: '6.1', plans: 'qemu-7.2' },
  // i440fx family
  { machine: 'pc', qemu: '10.0', kernel: '6.1', plans: 'all' },
  { machine: 'pc-i440fx-10.0', qemu: '10.0', kernel: '6.1', plans: 'basic' },
  { machine: 'pc-i440fx-7.2', qemu: '10.0', kernel: '6.12', plans: 'basic' },
  { machine: 'pc-i440fx-7.2', qemu: '7.2', kernel: '6.1', plans: 'qemu-7.2' },
  { machine: 'pc', qemu: '7.2', kernel: '6.1', plans: 'qemu-7.2' },
];

const plansOf = (row: Row): readonly string[] => (row.plans === 'all' ? ALL_PLANS : row.plans === 'basic' ? [BASIC] : QEMU_72_PLANS);

/** Difference ids seen, and whether every comparison ran (only then can a listed one be called stale). */
const used = new Set<string>();
let comparisons = 0;
const expectedComparisons = PAIRS.reduce((n, r) => n + plansOf(r).length, 0);

describe('Linux 6.1 and 6.12 amd64 under QEMU 7.2 and 10.0 with cpuhp\'s x86 CPU hot-plug AML (issue #11)', () => {
  for (const row of PAIRS) {
    const pair = x86Pair(row);
    for (const file of plansOf(row)) {
      const plan = { ...loadPlan(join(PLANS, file)), machine: row.machine };
      const config = createMachineConfig(findMachineType(plan.machine), plan.smp);
      const plugged = pluggedAfter(config, plan.steps);
      test(`${x86PairLabel(row)}: ${file}; and cpuhp's own VM agrees step by step`, { timeout: 600_000 }, async (t) => {
        assert.ok(vcpuCreations(config, plan.steps) <= config.topology.maxCpus, `${file} creates more vCPUs than QEMU with TCG can (x86-machine.ts vcpuCreations)`);
        if (!requirePeers(t, pair.peers)) return;
        const run = await playPlanOnPair(plan, pair, 'cpuhp');
        assert.match(run.kernelRelease, new RegExp(`^${row.kernel.replace('.', '\\.')}\\.`), 'the kernel that booted');
        assert.deepEqual(run.steps.flatMap((r, i) => guestProblems(config, r, plan.steps[i]!, plugged[i]!)), []);
        assert.deepEqual(compareWithCpuhp(run.steps, playOnCpuhp(plan, x86GuestOptions(row.kernel)), DIFFERENCES, used, row.kernel), [], 'differences not listed in x86-differences.json');
        comparisons++;
        t.diagnostic(`boot ${run.bootSeconds.toFixed(1)} s; ${run.steps.length} steps, ${run.steps.reduce((n, r) => n + r.trace.length, 0)} register operations compared`);
      });
    }
  }

  test('every difference listed in x86-differences.json still occurs', (t) => {
    if (comparisons < expectedComparisons) {
      t.skip(`only ${comparisons} of ${expectedComparisons} plans were compared`);
      return;
    }
    assert.deepEqual(DIFFERENCES.filter((d) => !used.has(d.id)).map((d) => d.id), []);
  });
});
