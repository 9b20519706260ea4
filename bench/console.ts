// The console's cost on the VM: 255 hot-adds on q35 with maxcpus=256 (the browser
// test's stream), the guest onlining each, with and without the console's step
// recorder subscribed; and how many steps a page then receives. (The page's own
// side, 4095 hot-adds into chromium, is measured by hand: see the README.)
import { performance } from 'node:perf_hooks';
import { StepRecorder } from '../src/console/index.ts';
import { findMachineType } from '../src/machine/machine-types.ts';
import { createMachineConfig } from '../src/machine/possible-cpus.ts';
import { Vm } from '../src/vm/vm.ts';
import type { BenchResult } from './measure.ts';

const ADDS = 255;
const RUNS = 3;

function once(record: boolean): { ms: number; steps: number } {
  const config = createMachineConfig(findMachineType('q35'), `1,maxcpus=${ADDS + 1}`);
  const vm = new Vm(config, { startPaused: false, guest: { autoOnline: true }, onQuit: () => {} });
  let steps = 0;
  if (record) {
    const r = new StepRecorder(() => vm.machine, { step: () => steps++, group: () => {}, touch: () => {} });
    vm.on((e) => (e.type === 'guest' ? r.guest(e.event, e.time) : e.type === 'machine' ? r.machine(e.event, 0) : r.qmpEvent(e.event, e.data, 0, e.event)));
  }
  vm.start();
  vm.runGuest();
  const t0 = performance.now();
  for (let i = 1; i <= ADDS; i++) {
    vm.machine.deviceAdd({ driver: config.platform.cpuType, ...config.cpus[i]!.props, id: `cpu${i}` });
    vm.runGuest();
  }
  const ms = performance.now() - t0;
  vm.halt();
  return { ms, steps };
}

export function benchConsole(): BenchResult[] {
  const rows: BenchResult[] = [];
  for (const record of [false, true]) {
    const runs = Array.from({ length: RUNS }, () => once(record)).sort((a, b) => a.ms - b.ms);
    rows.push({
      name: `${ADDS} hot-adds, q35 maxcpus=${ADDS + 1}, ${record ? 'console recording' : 'no console'}`,
      medianMs: runs[Math.floor(RUNS / 2)]!.ms,
      minMs: runs[0]!.ms,
      runs: RUNS,
      ...(record ? { note: `${runs[0]!.steps} steps` } : {}),
    });
  }
  return rows;
}
