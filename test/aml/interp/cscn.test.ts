// CSCN, the scan QEMU's and our DSDTs run on a CPU hot-plug SCI, against a model
// of QEMU's register block: with K inserts pending among N CPUs it notifies
// exactly those K, with Device Check, in ascending order, once each; across the
// 255-entry batches too. N up to q35's 4096 CPUs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Interpreter } from '../../../src/aml/interp/index.ts';
import { buildAcpiTables } from '../../../src/machine/acpi-build.ts';
import { findMachineType } from '../../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../../src/machine/possible-cpus.ts';
import { FakeCpuHotplug } from './fake-cpuhp.ts';
import { mulberry32 } from '../../support/prng.ts';


/** K distinct CPU indexes out of N, ascending. */
function pick(n: number, k: number, random: () => number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, k).sort((x, y) => x - y);
}

const cpuPath = (i: number) => `\\_SB.CPUS.C${i.toString(16).toUpperCase().padStart(3, '0')}`;

function scanner(machine: string, n: number) {
  const dsdt = buildAcpiTables(createMachineConfig(findMachineType(machine), `1,maxcpus=${n}`)).tables.get('DSDT')!.bytes;
  const interp = new Interpreter();
  interp.loadTable(dsdt);
  let regs = new FakeCpuHotplug(0x0cd8n, n);
  interp.installAddressSpaceHandler('SystemIO', { read: (a, w) => regs.read(a, w), write: (a, w, v) => regs.write(a, w, v) });
  const notifies: string[] = [];
  interp.installNotifyHandler((p, v) => notifies.push(`${p} ${v}`));
  /** Plugs `cpus`, runs \_GPE._E02 and returns the notifies it made. */
  return (cpus: readonly number[]) => {
    regs = new FakeCpuHotplug(0x0cd8n, n);
    for (const c of cpus) regs.plug(c);
    notifies.length = 0;
    interp.evaluate('\\_GPE._E02');
    assert.ok(regs.cpus.every((c) => !c.inserting), 'an insert event was left pending');
    return [...notifies];
  };
}

const CASES: { machine: string; n: number }[] = [
  { machine: 'q35', n: 1 },
  { machine: 'q35', n: 2 },
  { machine: 'q35', n: 7 },
  { machine: 'q35', n: 255 },
  { machine: 'q35', n: 256 },
  { machine: 'q35', n: 600 },
  { machine: 'q35', n: 4096 },
  { machine: 'pc-q35-7.2', n: 288 },
  { machine: 'pc-q35-10.0', n: 288 },
];

describe('CSCN with K of N CPUs inserted', () => {
  for (const { machine, n } of CASES) {
    const ks = [...new Set([0, 1, 2, 254, 255, 256, 511, Math.floor(n / 2), n - 1, n])].filter((k) => k >= 0 && k <= n).sort((a, b) => a - b);
    test(`${machine}, N=${n}: K in {${ks.join(', ')}} gives exactly K Device Checks in ascending order`, { timeout: 120_000 }, () => {
      const scan = scanner(machine, n);
      const random = mulberry32(n * 7919 + machine.length);
      for (const k of ks) {
        const cpus = pick(n, k, random);
        assert.deepEqual(scan(cpus), cpus.map((c) => `${cpuPath(c)} 1`), `K=${k}`);
      }
    });
  }
});
