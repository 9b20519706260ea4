// A real pair (a QEMU and a real Linux guest) playing a hot-plug plan with either
// cpuhp's CPU hot-plug AML and MADT (spliced into the pair's own DSDT, through the
// initrd table upgrade) or the pair's own tables. Each architecture describes its
// pair once (rfc-machine.ts for arm64, x86-machine.ts for x86); the tests and the
// benchmark play plans through this one function.
import assert from 'node:assert/strict';
import { buildAcpiTables } from '../../../src/machine/acpi-build.ts';
import { findMachineType } from '../../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../../src/machine/possible-cpus.ts';
import type { PeerSpec } from '../peer.ts';
import { cpuhpUpgrade } from './acpi-upgrade.ts';
import { playOnReal, type Plan, type RealPlayOptions, type RealStep } from './hotplug-plan.ts';
import type { GuestConfig, LinuxGuest } from './linux-guest.ts';

export interface FirmwareTables {
  readonly dsdt: Uint8Array;
  readonly madt: Uint8Array;
  readonly fadt?: Uint8Array;
}

/** A table for the initrd table upgrade. */
export interface UpgradeTable {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface RealPair {
  /** What the pair needs installed. */
  readonly peers: readonly PeerSpec[];
  /** The DSDT objects of CPU hot-plug that cpuhp's replace, in the order they are defined. */
  readonly hotplugObjects: readonly string[];
  /** The pair's own DSDT and MADT for the plan's machine (as its firmware hands them to the guest). */
  firmwareTables(smp: string): Promise<FirmwareTables>;
  /** Boots the guest with these replacement tables and the cpuhp_acpi_* trace on. */
  boot(smp: string, tables: NonNullable<GuestConfig['tables']>): Promise<LinuxGuest>;
  readonly play?: RealPlayOptions;
  /**
   * What the guest kernel needs changed in the tables it is given, whichever side's
   * they are (x86-machine.ts: Linux 6.12 under TCG); returns the final upgrade list.
   */
  adapt?(upgrade: readonly UpgradeTable[], firmware: FirmwareTables): UpgradeTable[];
}

export interface PairRun {
  /** Seconds from QEMU's start to the guest's shell. */
  readonly bootSeconds: number;
  readonly kernelRelease: string;
  readonly steps: RealStep[];
}

/** QEMU died of a signal while the plan ran. */
export class PeerCrash extends Error {
  override readonly name = 'PeerCrash';
  constructor(readonly signal: NodeJS.Signals, message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

export async function playPlanOnPair(plan: Plan, pair: RealPair, tables: 'cpuhp' | 'own'): Promise<PairRun> {
  const config = createMachineConfig(findMachineType(plan.machine), plan.smp);
  const fw = await pair.firmwareTables(plan.smp);
  const ours = buildAcpiTables(config).tables;
  const ourUpgrade = tables === 'cpuhp'
    ? cpuhpUpgrade(fw, { dsdt: ours.get('DSDT')!.bytes, madt: ours.get('APIC')!.bytes }, pair.hotplugObjects)
    : [];
  const upgrade = pair.adapt ? pair.adapt(ourUpgrade, fw) : ourUpgrade;
  const g = await pair.boot(plan.smp, upgrade);
  try {
    // The guest really runs the tables it was given.
    const inUse = await guestTables(g, ['DSDT', 'APIC']);
    const given = (name: string, firmware: Uint8Array) => upgrade.find((t) => t.name === name)?.bytes ?? firmware;
    const hex = (b: Uint8Array | undefined) => Buffer.from(b ?? []).toString('hex');
    assert.deepEqual([hex(inUse.get('DSDT')), hex(inUse.get('APIC'))], [given('dsdt.aml', fw.dsdt), given('apic.aml', fw.madt)].map(hex), 'the tables the guest runs are the ones it was given');
    return { bootSeconds: g.bootSeconds, kernelRelease: g.kernelRelease, steps: await playOnReal(plan, g, config, pair.play) };
  } catch (e) {
    // The exit may reach us just after the error it caused.
    await new Promise((r) => setTimeout(r, 100));
    if (g.exitSignal) throw new PeerCrash(g.exitSignal, `QEMU died of ${g.exitSignal}: ${(e as Error).message}\n${g.stderrTail()}`, { cause: e });
    throw e;
  } finally {
    await g.stop();
  }
}

/** The tables the guest was given, as Linux exposes them (/sys/firmware/acpi/tables). */
export async function guestTables(g: LinuxGuest, signatures: readonly string[]): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const sig of signatures) {
    const lines = await g.ok(`cpuhp_b64 /sys/firmware/acpi/tables/${sig}`);
    out.set(sig, Buffer.from(lines.join(''), 'base64'));
  }
  return out;
}
