// Time to build every ACPI table of the largest machines, as a whole set (DSDT with
// the CPU hot-plug AML, MADT, FADT, FACS, XSDT, RSDP). The aim is under 50 ms each.
import { buildAcpiTables } from '../src/machine/acpi-build.ts';
import { findMachineType } from '../src/machine/machine-types.ts';
import { createMachineConfig } from '../src/machine/possible-cpus.ts';
import { measure, type BenchResult } from './measure.ts';

export function benchTables(): BenchResult[] {
  return [
    ['q35', '1,maxcpus=4096'],
    ['virt', '1,maxcpus=512'],
  ].map(([machine, smp]) => {
    const type = findMachineType(machine!);
    let bytes = 0;
    const r = measure(`build all tables: ${machine} -smp ${smp}`, () => {
      const set = buildAcpiTables(createMachineConfig(type, smp!));
      bytes = [...set.tables.values()].reduce((n, t) => n + t.bytes.length, 0);
    });
    return { ...r, note: `${bytes} bytes of tables; aim < 50 ms` };
  });
}
