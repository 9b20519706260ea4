// A hot-plug plan on the arm64 real pair, with either cpuhp's `virt` CPU hot-plug AML
// and MADT (spliced into the RFC's own DSDT, through the initrd table upgrade) or the
// RFC's own tables. Shared by the real-guest test and its benchmark.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAcpiTables } from '../../../src/machine/acpi-build.ts';
import { findMachineType } from '../../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../../src/machine/possible-cpus.ts';
import { cpuhpUpgrade, GED_CPU_HOTPLUG_OBJECTS } from './acpi-upgrade.ts';
import { playOnReal, type Plan, type RealStep } from './hotplug-plan.ts';
import { configDir, RFC_FIXTURE_ROOT } from './rfc-fixtures.ts';
import { bootRfcGuest, guestTables } from './rfc-machine.ts';

export interface RfcRun {
  /** Seconds from QEMU's start to the guest's shell. */
  readonly bootSeconds: number;
  readonly steps: RealStep[];
}

/** The RFC QEMU died of a segmentation fault: its known unplug defect (see hotplug-plan.ts). */
export class RfcCrash extends Error {
  override readonly name = 'RfcCrash';
}

/**
 * playPlanOnRfc, again on a fresh boot when the RFC QEMU crashed with SIGSEGV, at
 * most `attempts` times in all. Its vCPU teardown after unplug crashes now and then
 * despite the harness's pauses (in about 1 of 15 runs of arm64-basic here); any other
 * failure (an assertion, a timeout, another exit) is not retried.
 */
export async function playPlanOnRfcRetrying(plan: Plan, tables: 'cpuhp' | 'rfc', note: (line: string) => void, attempts = 3): Promise<RfcRun> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await playPlanOnRfc(plan, tables);
    } catch (e) {
      if (!(e instanceof RfcCrash) || attempt >= attempts) throw e;
      note(`the RFC V5 QEMU crashed (SIGSEGV, its known unplug defect): ${e.message}; attempt ${attempt + 1} of ${attempts}`);
    }
  }
}

export async function playPlanOnRfc(plan: Plan, tables: 'cpuhp' | 'rfc'): Promise<RfcRun> {
  const config = createMachineConfig(findMachineType(plan.machine), plan.smp);
  // The RFC's own tables for this -smp, checked against a live RFC QEMU by rfc-tables.test.ts.
  const fw = (sig: string) => readFileSync(join(RFC_FIXTURE_ROOT, configDir(plan.smp), `${sig}.aml`));
  const ours = buildAcpiTables(config).tables;
  const upgrade = tables === 'cpuhp'
    ? cpuhpUpgrade({ dsdt: fw('DSDT'), madt: fw('APIC') }, { dsdt: ours.get('DSDT')!.bytes, madt: ours.get('APIC')!.bytes }, GED_CPU_HOTPLUG_OBJECTS)
    : [];
  const g = await bootRfcGuest({ smp: plan.smp, trace: true, tables: upgrade });
  try {
    // The guest really runs the tables it was given.
    const inUse = await guestTables(g, ['DSDT', 'APIC']);
    const given = tables === 'cpuhp' ? upgrade.map((t) => t.bytes) : [fw('DSDT'), fw('APIC')];
    const hex = (b: Uint8Array | undefined) => Buffer.from(b ?? []).toString('hex');
    assert.deepEqual([hex(inUse.get('DSDT')), hex(inUse.get('APIC'))], given.map(hex), 'the tables the guest runs are the ones it was given');
    return { bootSeconds: g.bootSeconds, steps: await playOnReal(plan, g, config) };
  } catch (e) {
    // The exit may reach us just after the error it caused.
    await new Promise((r) => setTimeout(r, 100));
    if (g.exitSignal === 'SIGSEGV') throw new RfcCrash((e as Error).message, { cause: e });
    throw e;
  } finally {
    await g.stop();
  }
}
