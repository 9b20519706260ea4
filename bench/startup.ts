// `cpuhp tables` for a 4-CPU q35, whole process, against `node -e 0` in the same
// run: what a short command costs above starting node at all. Aim: at most 1.5x.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pairedCpu } from './process-cpu.ts';

const BIN = fileURLToPath(new URL('../bin/cpuhp.js', import.meta.url));
const RUNS = 15;

export function benchStartup(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-bench-tables-'));
  try {
    // In pairs, node then us, so that a slow phase of the machine weighs on both alike.
    const { base: node, work: tables } = pairedCpu(
      [process.execPath, '-e', '0'],
      [process.execPath, BIN, 'tables', '-machine', 'q35', '-smp', '1,maxcpus=4', '--out', dir],
      RUNS,
      (r) => {
        if (r.status !== 0) throw new Error(`node -e 0 exited with ${r.status}`);
      },
      (r) => {
        if (r.status !== 0 || !existsSync(join(dir, 'DSDT.aml'))) throw new Error(`cpuhp tables failed (${r.status}): ${r.output}`);
        rmSync(join(dir, 'DSDT.aml'));
      },
    );
    const ratio = tables / node;
    return [
      `${'start-up: cpuhp tables q35 4 CPUs, whole process'.padEnd(52)} CPU ours ${tables.toFixed(3)} s, node -e 0 ${node.toFixed(3)} s: ` +
        `ours/node ${ratio.toFixed(2)}x; aim <= 1.5x ${ratio <= 1.5 ? 'met' : 'NOT met'} (medians of ${RUNS})`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
