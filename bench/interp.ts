// The AML interpreter's speed (src/aml/interp), in process: time per While
// iteration, per \_GPE._E02 scan of a q35 DSDT with 255 possible CPUs and no
// event pending (aim: under 10 us), and the first CTFY call after QEMU 10.0's
// 4096-CPU DSDT loads (an If per CPU: what the first hot-add after boot pays). The comparison with ACPICA's acpiexec, on the
// same AML in the same run, is bench/interp-vs-acpiexec.ts. Tables are built with
// our encoder, so no iasl is needed.
import { buildDefinitionBlock, QEMU_OEM } from '../src/acpi/index.ts';
import {
  Add, And, Arg, If, Increment, LEqual, LLess, Local, Method, Return, Store, While,
} from '../src/aml/encode/index.ts';
import { Interpreter, integer, type AccessWidth } from '../src/aml/interp/index.ts';
import { buildAcpiTables } from '../src/machine/acpi-build.ts';
import { findMachineType } from '../src/machine/machine-types.ts';
import { createMachineConfig } from '../src/machine/possible-cpus.ts';
import { measure, measureFresh, type BenchResult } from './measure.ts';

const ITERATIONS = 100_000;
const SCANS = 1_000;

/** SSDT with \LOOP (the simplest While) and \SELF (acpiexec's self-test loop, with If/Else and arithmetic). */
export function loopTable(): Uint8Array {
  const [l0, l1, a0] = [new Local(0), new Local(1), new Arg(0)];
  return buildDefinitionBlock({
    signature: 'SSDT', revision: 2, oem: QEMU_OEM,
    body: [
      // Method (LOOP, 1, Serialized) { Local0 = 0; While (Local0 < Arg0) { Local0++ }; Return (Local0) }
      new Method('LOOP', 1, [Store(0, l0), new While(LLess(l0, a0), [Increment(l0)]), new Return(l0)], { serialized: true }),
      // Method (SELF, 1, Serialized) { ... If ((Local0 & 1) == 0) { Local1 = Local1 + Local0 } Else { Local1 += 100 } ... }
      new Method('SELF', 1, [
        Store(0, l0), Store(0, l1),
        new While(LLess(l0, a0), [
          new If(LEqual(And(l0, 1), 0), [Store(Add(l1, l0), l1)], [Add(l1, 100, l1)]),
          Increment(l0),
        ]),
        new Return(l1),
      ], { serialized: true }),
    ],
  });
}

/** QEMU's register block with no event pending: command 0 leaves the selector, which CDAT returns. */
function idleCpuHotplug(base: bigint) {
  let selector = 0n;
  return {
    read: (a: bigint, _w: AccessWidth) => (a - base === 4n ? (selector === 0n ? 1n : 0n) : a - base === 8n ? selector : 0n),
    write: (a: bigint, _w: AccessWidth, v: bigint) => {
      if (a === base) selector = v;
    },
  };
}

export function benchInterpreter(): BenchResult[] {
  const loops = new Interpreter({ limits: { loopIterations: 10 * ITERATIONS } });
  loops.loadTable(loopTable());
  const perIteration = (path: string, label: string, aim: string): BenchResult => {
    const r = measure(label, () => loops.evaluate(path, [integer(ITERATIONS)]));
    const us = (r.medianMs * 1000) / ITERATIONS;
    return { ...r, note: `${us.toFixed(3)} us/iteration (${ITERATIONS} per run); ${aim}` };
  };

  const q35 = buildAcpiTables(createMachineConfig(findMachineType('q35'), '1,maxcpus=255')).tables.get('DSDT')!.bytes;
  const gpe = new Interpreter();
  gpe.loadTable(q35);
  gpe.installAddressSpaceHandler('SystemIO', idleCpuHotplug(0x0cd8n));
  const scan = measure('interp: \\_GPE._E02, q35 255 CPUs, idle', () => {
    for (let i = 0; i < SCANS; i++) gpe.evaluate('\\_GPE._E02');
  });
  const us = (scan.medianMs * 1000) / SCANS;

  // A fresh interpreter each run (its load not timed): the first call decodes CTFY and builds its dispatch.
  const qemu4096 = buildAcpiTables(createMachineConfig(findMachineType('pc-q35-10.0'), '1,maxcpus=4096')).tables.get('DSDT')!.bytes;
  let notifies = 0;
  const ctfy = measureFresh('interp: CTFY first call, pc-q35-10.0 4096 CPUs', () => {
    const i = new Interpreter();
    i.loadTable(qemu4096);
    i.installNotifyHandler(() => notifies++);
    return i;
  }, (i) => i.evaluate('\\_SB.CPUS.CTFY', [integer(4000), integer(1)]));
  if (notifies !== ctfy.runs) throw new Error(`CTFY: ${notifies} Notifies in ${ctfy.runs} calls`);

  return [
    perIteration('\\LOOP', 'interp: While (Local0 < Arg0) { Local0++ }', 'vs acpiexec: see below'),
    perIteration('\\SELF', 'interp: acpiexec self-test LOOP (If/Else, Add)', 'vs acpiexec: see below'),
    { ...scan, note: `${us.toFixed(2)} us/scan (${SCANS} per run); aim < 10 us ${us < 10 ? 'met' : 'NOT met'}` },
    { ...ctfy, note: 'one Notify, of CPU 4000; the table loaded before, not timed' },
  ];
}
