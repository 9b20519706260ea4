// Hot-add then hot-remove of every non-boot vCPU of the largest machines, with a
// guest running the machine's AML: device_add all, run the guest until it is idle,
// device_del all, run until idle. The aim is under 5 s for q35 with maxcpus=4096.
//
// Besides wall time: register accesses to the hot-plug block per event (plug or
// unplug), counted with the same guest on the same machine for three CSCNs: ours
// (scan 'minimal': 4 accesses per event in the scan), QEMU 10.0's (CNEW and CEJL
// batches, qemu-cpuhp.md §1.7d: 8) and QEMU 7.2's (removes notified inline). The
// rest of each event's accesses are the guest's own (_STA, _OST, _EJ0). The
// register block's own search (bench/event-search.ts) does not change the count.
// The ABI's minimum for a scan: per event, command 0 (write CCMD), read CDAT, read
// the flags, clear the event (write the flags) = 4, plus per scan the CSEL write that
// starts it and the command 0 and CDAT read that find nothing more = 3.
//
// Machine creation, table building and the guest's boot are set up outside the
// timed part; bench/tables.ts times the tables.
import { performance } from 'node:perf_hooks';
import { buildAcpiTables } from '../src/machine/acpi-build.ts';
import { Machine } from '../src/machine/machine.ts';
import { findMachineType, type MachineType } from '../src/machine/machine-types.ts';
import { createMachineConfig } from '../src/machine/possible-cpus.ts';
import { attachGuest } from '../src/vm/guest-binding.ts';
import { summarize, type BenchResult } from './measure.ts';

const RUNS = 3;

interface Outcome {
  readonly ms: number;
  readonly addAccesses: number;
  readonly removeAccesses: number;
  /** Of those, the accesses made by the event method (CSCN), and the scans it ran. */
  readonly addScan: number;
  readonly removeScan: number;
  readonly scans: number;
  readonly events: number;
}

/** The ABI's minimum accesses for a scan: 4 per event, 3 per scan (see the head of this file). */
const SCAN_MIN_PER_EVENT = 4;
const SCAN_MIN_PER_SCAN = 3;

/** The guest's top-level evaluations that are the hot-plug event method (x86 GPE, arm64 GED). */
const EVENT_METHOD = /(?:_E02|_EVT)$/;

/** One run of the workload on a fresh, booted machine; only the workload is timed. */
function once(type: MachineType, smp: string): Outcome {
  const config = createMachineConfig(type, smp);
  const machine = new Machine(config);
  const { guest } = attachGuest(machine, buildAcpiTables(config));
  guest.boot();
  let accesses = 0;
  let scanAccesses = 0;
  let scans = 0;
  // Notify work is queued and runs after the event method, so every access belongs
  // to the top-level evaluation the guest began last.
  let inScan = false;
  guest.on((e) => {
    if (e.type !== 'aml') return;
    inScan = EVENT_METHOD.test(e.path);
    if (inScan) scans++;
  });
  machine.observe((e) => {
    if (e.type === 'bus' && e.access.device === 'acpi-cpu-hotplug') {
      accesses++;
      if (inScan) scanAccesses++;
    }
  });
  const hotpluggable = config.cpus.filter((c) => !c.coldPlugged);

  const t0 = performance.now();
  for (const c of hotpluggable) machine.deviceAdd({ driver: config.platform.cpuType, ...c.props, id: `cpu${c.index}` });
  guest.runUntilIdle();
  const addAccesses = accesses;
  const addScan = scanAccesses;
  for (const c of hotpluggable) machine.deviceDel(`cpu${c.index}`);
  guest.runUntilIdle();
  const ms = performance.now() - t0;

  // The work must really have been done, or the numbers mean nothing.
  const online = guest.cpus().filter((c) => c.online).length;
  if (online !== config.topology.cpus || machine.cpusFast().length !== config.topology.cpus) {
    throw new Error(`${type.name}: ${online} CPUs online after the workload, expected ${config.topology.cpus}`);
  }
  return { ms, addAccesses, removeAccesses: accesses - addAccesses, addScan, removeScan: scanAccesses - addScan, scans, events: 2 * hotpluggable.length };
}

/** "N/event (add a, remove r)" for all accesses and for CSCN's. */
function accessesPerEvent(x: Outcome): string {
  const n = x.events / 2;
  const per = (a: number, r: number) => `${((a + r) / x.events).toFixed(1)}/event (add ${(a / n).toFixed(1)}, remove ${(r / n).toFixed(1)})`;
  return `${per(x.addAccesses, x.removeAccesses)}, CSCN ${per(x.addScan, x.removeScan)} in ${x.scans} scans`;
}

function bench(label: string, type: MachineType, smp: string, aim?: number, compare: readonly [string, MachineType][] = []): BenchResult {
  const runs = Array.from({ length: RUNS }, () => once(type, smp));
  const r = runs[0]!;
  let note = `${r.addAccesses + r.removeAccesses} accesses, ${accessesPerEvent(r)}`;
  for (const [who, t] of compare) note += `; ${who}'s CSCN: ${accessesPerEvent(once(t, smp))}`;
  const minimum = (SCAN_MIN_PER_EVENT * r.events + SCAN_MIN_PER_SCAN * r.scans) / r.events;
  note += `; the ABI's minimum for this many scans: ${minimum.toFixed(1)}/event`;
  if (aim !== undefined) note += `; aim < ${aim} ms`;
  return summarize(label, runs.map((x) => x.ms), note);
}

export function benchHotplug(): BenchResult[] {
  const q35 = findMachineType('q35');
  const virt = findMachineType('virt');
  // QEMU's CSCNs on the same machine (pc-q35-7.2 itself stops at 288 CPUs).
  const others = (t: MachineType): [string, MachineType][] => [['QEMU 10.0', { ...t, scan: 'inserts-and-removes' }], ['QEMU 7.2', { ...t, scan: 'inserts' }]];
  return [
    bench('hotplug: q35 4095 vCPUs in and out', q35, '1,maxcpus=4096', undefined, others(q35)),
    bench('hotplug: virt 511 vCPUs in and out', virt, '1,maxcpus=512', undefined, others(virt)),
  ];
}
