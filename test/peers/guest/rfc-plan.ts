// A hot-plug plan on the arm64 real pair, with either cpuhp's `virt` CPU hot-plug AML
// and MADT (spliced into the RFC's own DSDT, through the initrd table upgrade) or the
// RFC's own tables. Shared by the real-guest test and its benchmark.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GED_CPU_HOTPLUG_OBJECTS } from './acpi-upgrade.ts';
import type { Plan } from './hotplug-plan.ts';
import { PeerCrash, playPlanOnPair, type PairRun, type RealPair } from './real-pair.ts';
import { configDir, RFC_FIXTURE_ROOT } from './rfc-fixtures.ts';
import { bootRfcGuest, RFC_GUEST_PEERS } from './rfc-machine.ts';

/** The RFC V5 QEMU and Linux 6.12 arm64. */
export const RFC_PAIR: RealPair = {
  peers: RFC_GUEST_PEERS,
  hotplugObjects: GED_CPU_HOTPLUG_OBJECTS,
  // The RFC's own tables for this -smp, checked against a live RFC QEMU by rfc-tables.test.ts.
  firmwareTables: (smp) => {
    const fw = (sig: string) => readFileSync(join(RFC_FIXTURE_ROOT, configDir(smp), `${sig}.aml`));
    return Promise.resolve({ dsdt: fw('DSDT'), madt: fw('APIC') });
  },
  boot: (smp, tables) => bootRfcGuest({ smp, trace: true, tables }),
  // Its deferred vCPU teardown after unplug (hotplug-plan.ts pauseAfterEachRemoval).
  play: { pauseAfterRemoval: true },
};

/**
 * A plan on the RFC pair, again on a fresh boot when the RFC QEMU crashed with
 * SIGSEGV, at most `attempts` times in all. Its vCPU teardown after unplug crashes now
 * and then despite the harness's pauses (in about 1 of 15 runs of arm64-basic here);
 * any other failure (an assertion, a timeout, another exit) is not retried.
 */
export async function playPlanOnRfcRetrying(plan: Plan, tables: 'cpuhp' | 'rfc', note: (line: string) => void, attempts = 3): Promise<PairRun> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await playPlanOnPair(plan, RFC_PAIR, tables === 'rfc' ? 'own' : 'cpuhp');
    } catch (e) {
      if (!(e instanceof PeerCrash && e.signal === 'SIGSEGV') || attempt >= attempts) throw e;
      note(`the RFC V5 QEMU crashed (SIGSEGV, its known unplug defect): ${e.message}; attempt ${attempt + 1} of ${attempts}`);
    }
  }
}
