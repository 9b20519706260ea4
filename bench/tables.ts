// CPU time to build every ACPI table of q35 (DSDT with the CPU hot-plug AML, MADT,
// FADT, FACS, XSDT, RSDP) at 16 to 4096 possible CPUs, and of virt at 512, in
// process (process.cpuUsage, so other load on the machine does not count), median
// of the runs after warm-up; the cost per CPU shows whether the build is linear.
// Aim: q35 at 4096 under 30 ms, the cost per CPU flat.
import { buildAcpiTables } from '../src/machine/acpi-build.ts';
import { findMachineType } from '../src/machine/machine-types.ts';
import { createMachineConfig } from '../src/machine/possible-cpus.ts';
import { median, type BenchResult } from './measure.ts';

const WARMUP = 5;
const RUNS = 21;

function cpuMs(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

function build(machine: string, cpus: number): { ms: number; min: number; bytes: number } {
  const config = createMachineConfig(findMachineType(machine), `1,maxcpus=${cpus}`);
  let bytes = 0;
  const once = () => {
    const set = buildAcpiTables(config);
    bytes = [...set.tables.values()].reduce((n, t) => n + t.bytes.length, 0);
  };
  for (let i = 0; i < WARMUP; i++) once();
  const times = Array.from({ length: RUNS }, () => cpuMs(once));
  return { ms: median(times), min: Math.min(...times), bytes };
}

export function benchTables(): BenchResult[] {
  const out: BenchResult[] = [];
  for (const [machine, cpus] of [['q35', 16], ['q35', 256], ['q35', 1024], ['q35', 4096], ['virt', 512]] as const) {
    const r = build(machine, cpus);
    const aim = machine === 'q35' && cpus === 4096 ? `; aim < 30 ms ${r.ms < 30 ? 'met' : 'NOT met'}` : '';
    out.push({
      name: `build all tables: ${machine} -smp 1,maxcpus=${cpus} (CPU)`, medianMs: r.ms, minMs: r.min, runs: RUNS,
      note: `${((r.ms / cpus) * 1000).toFixed(2)} us/CPU; ${r.bytes} bytes${aim}`,
    });
  }
  return out;
}
