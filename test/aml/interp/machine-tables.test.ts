// The DSDT of each of our machine types, run in the interpreter against a model
// of QEMU's register block: the event method finds inserts and removes, _STA
// follows the presence policy of the architecture, _EJ0 and _OST reach the block.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Interpreter, integer, buffer } from '../../../src/aml/interp/index.ts';
import { buildAcpiTables } from '../../../src/machine/acpi-build.ts';
import { findMachineType } from '../../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../../src/machine/possible-cpus.ts';
import { ByteMemory, intOf } from './helpers.ts';
import { FakeCpuHotplug } from './fake-cpuhp.ts';

const GED_SELECTOR = 0x09080000n;
const GED_CPU_HOTPLUG = 0x8n;

interface Target { machine: string; base: bigint; space: 'SystemIO' | 'SystemMemory'; event: 'gpe' | 'ged'; staDisabled: bigint }
const TARGETS: Target[] = [
  { machine: 'q35', base: 0x0cd8n, space: 'SystemIO', event: 'gpe', staDisabled: 0n },
  { machine: 'pc', base: 0xaf00n, space: 'SystemIO', event: 'gpe', staDisabled: 0n },
  { machine: 'pc-q35-7.2', base: 0x0cd8n, space: 'SystemIO', event: 'gpe', staDisabled: 0n },
  { machine: 'pc-i440fx-7.2', base: 0xaf00n, space: 'SystemIO', event: 'gpe', staDisabled: 0n },
  { machine: 'pc-q35-10.0', base: 0x0cd8n, space: 'SystemIO', event: 'gpe', staDisabled: 0n },
  { machine: 'pc-i440fx-10.0', base: 0xaf00n, space: 'SystemIO', event: 'gpe', staDisabled: 0n },
  { machine: 'virt', base: 0x090c0000n, space: 'SystemMemory', event: 'ged', staDisabled: 0x0dn },
];

const CPUS = 8;

function boot(t: Target) {
  const dsdt = buildAcpiTables(createMachineConfig(findMachineType(t.machine), `1,maxcpus=${CPUS}`)).tables.get('DSDT')!.bytes;
  const interp = new Interpreter();
  interp.loadTable(dsdt);
  const regs = new FakeCpuHotplug(t.base, CPUS);
  let gedPending = 0n;
  const other = new ByteMemory();
  interp.installAddressSpaceHandler(t.space, {
    read: (a, w) => {
      if (a >= t.base && a < t.base + 12n) return regs.read(a, w);
      if (a === GED_SELECTOR) {
        const v = gedPending; // the GED selector reads and clears
        gedPending = 0n;
        return v;
      }
      return other.read(a, w);
    },
    write: (a, w, v) => (a >= t.base && a < t.base + 12n ? regs.write(a, w, v) : other.write(a, w, v)),
  });
  const notifies: string[] = [];
  interp.installNotifyHandler((p, v) => notifies.push(`${p} ${v}`));
  const sci = () => {
    if (t.event === 'gpe') interp.evaluate('\\_GPE._E02');
    else {
      gedPending |= GED_CPU_HOTPLUG;
      interp.evaluate('\\_SB.GED._EVT', [integer(41)]);
    }
  };
  return { interp, regs, notifies, sci };
}

for (const t of TARGETS) {
  describe(`${t.machine} DSDT`, () => {
    test('loads and initializes without errors or warnings', () => {
      const { interp } = boot(t);
      assert.deepEqual(interp.runInitializers().map((f) => f.error.message), []);
      assert.deepEqual(interp.warnings, []);
    });

    test('the hot-plug event notifies each inserted CPU once, in order', () => {
      const { regs, notifies, sci } = boot(t);
      regs.plug(5);
      regs.plug(2);
      sci();
      assert.deepEqual(notifies, ['\\_SB.CPUS.C002 1', '\\_SB.CPUS.C005 1']);
      sci();
      assert.equal(notifies.length, 2);
    });

    test('a remove request is notified with Eject Request', () => {
      const { regs, notifies, sci } = boot(t);
      regs.cpus[4]!.enabled = true;
      regs.cpus[4]!.removing = true;
      sci();
      assert.deepEqual(notifies, ['\\_SB.CPUS.C004 3']);
    });

    test(`_STA of a disabled slot is 0x${t.staDisabled.toString(16)}, of an enabled one 0xf`, () => {
      const { interp, regs } = boot(t);
      regs.plug(6);
      assert.deepEqual([intOf(interp.evaluate('\\_SB.CPUS.C007._STA')), intOf(interp.evaluate('\\_SB.CPUS.C006._STA'))], [t.staDisabled, 0x0fn]);
    });

    test('_EJ0 ejects its CPU and _OST reaches the block', () => {
      const { interp, regs } = boot(t);
      interp.evaluate('\\_SB.CPUS.C003._EJ0', [integer(1)]);
      interp.evaluate('\\_SB.CPUS.C003._OST', [integer(3), integer(0), buffer([])]);
      assert.deepEqual([regs.ejected, regs.command], [[3], 2]);
    });
  });
}
