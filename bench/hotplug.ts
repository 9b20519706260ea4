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
//
// Machine creation, table building and the guest's boot are set up outside the
// timed part; bench/tables.ts times the tables.
import { performance } from 'node:perf_hooks';
import { buildAcpiTables } from '../src/machine/acpi-build.ts';
import { Machine } from '../src/machine/machine.ts';
import { findMachineType, type MachineType } from '../src/machine/machine-types.ts';
import { createMachineConfig } from '../src/machine/possible-cpus.ts';
import { attachGuest } from '../src/vm/guest-binding.ts';
import type { BenchResult } from './measure.ts';

const RUNS = 3;

interface Outcome {
  readonly ms: number;
  readonly addAccesses: number;
  readonly removeAccesses: number;
  readonly events: number;
}

/** One run of the workload on a fresh, booted machine; only the workload is timed. */
function once(type: MachineType, smp: string): Outcome {
  const config = createMachineConfig(type, smp);
  const machine = new Machine(config);
  const { guest } = attachGuest(machine, buildAcpiTables(config));
  guest.boot();
  let accesses = 0;
  machine.observe((e) => {
    if (e.type === 'bus' && e.access.device === 'acpi-cpu-hotplug') accesses++;
  });
  const hotpluggable = config.cpus.filter((c) => !c.coldPlugged);

  const t0 = performance.now();
  for (const c of hotpluggable) machine.deviceAdd({ driver: config.platform.cpuType, ...c.props, id: `cpu${c.index}` });
  guest.runUntilIdle();
  const addAccesses = accesses;
  for (const c of hotpluggable) machine.deviceDel(`cpu${c.index}`);
  guest.runUntilIdle();
  const ms = performance.now() - t0;

  // The work must really have been done, or the numbers mean nothing.
  const online = guest.cpus().filter((c) => c.online).length;
  if (online !== config.topology.cpus || machine.cpusFast().length !== config.topology.cpus) {
    throw new Error(`${type.name}: ${online} CPUs online after the workload, expected ${config.topology.cpus}`);
  }
  return { ms, addAccesses, removeAccesses: accesses - addAccesses, events: 2 * hotpluggable.length };
}

function bench(label: string, type: MachineType, smp: string, aim?: number, compare: readonly [string, MachineType][] = []): BenchResult {
  const runs = Array.from({ length: RUNS }, () => once(type, smp));
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  const r = runs[0]!;
  const n = r.events / 2;
  const perEvent = (x: Outcome) => ((x.addAccesses + x.removeAccesses) / x.events).toFixed(1);
  let note = `${r.addAccesses + r.removeAccesses} accesses, ${perEvent(r)}/event (add ${(r.addAccesses / n).toFixed(1)}, remove ${(r.removeAccesses / n).toFixed(1)})`;
  for (const [who, t] of compare) {
    const c = once(t, smp);
    note += `; ${who}'s CSCN: ${perEvent(c)}/event (add ${(c.addAccesses / n).toFixed(1)}, remove ${(c.removeAccesses / n).toFixed(1)})`;
  }
  if (aim !== undefined) note += `; aim < ${aim} ms`;
  return { name: label, medianMs: times[Math.floor(times.length / 2)]!, minMs: times[0]!, runs: RUNS, note };
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
