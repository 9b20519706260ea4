// Our interpreter against ACPICA's acpiexec on the same AML, whole process each,
// CPU time (user + system) measured by the shell's `time`. Each side also runs a
// trivial method, whose CPU time (process start, table load) is subtracted to give
// the cost of the evaluation itself. Both sides run on plain memory (acpiexec backs
// regions with buffers; `cpuhp aml exec` mirrors that), so the AML is identical.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDefinitionBlock, QEMU_OEM } from '../src/acpi/index.ts';
import { Device, Field, Mutex, OperationRegion, Scope, field, offset, reserved, type AmlNode } from '../src/aml/encode/index.ts';
import { buildCpusAml } from '../src/hotplug/aml.ts';
import { PRESENCE_TOGGLES } from '../src/hotplug/presence.ts';
import { findExecutable } from '../src/cli/which.ts';
import { loopTable } from './interp.ts';

// Below the interpreter's default limit of 1,000,000 iterations per While.
const LOOP_ITERATIONS = 900_000;
const SLOTS = 4096;
const BIN = fileURLToPath(new URL('../bin/cpuhp.js', import.meta.url));

/**
 * CSCN over 4096 CPUs, all pending, on plain memory: PRES is rebuilt so that CDAT
 * aliases CSEL (offset 0) and the flags byte reads "enabled, inserting" (fill 0x03).
 * Command 0 then "finds" the selected slot itself, so the scan sweeps every slot in
 * batches of 255 and notifies each one through CTFY's If chain, as it would with
 * every CPU pending on the real device.
 */
export function allPendingCscnTable(): Uint8Array {
  const slots = Array.from({ length: SLOTS }, (_, i) => ({ uid: i, archId: i, mat: new Uint8Array(8), ejectable: i > 0 }));
  const [scope, event] = buildCpusAml({
    slots, presence: PRESENCE_TOGGLES, region: { space: 'SystemIO', base: 0x0cd8 }, resRoot: '\\_SB',
    eventMethod: '\\_GPE._E02', legacyInit: false, scan: 'inserts-and-removes', notifyDispatch: 'if-chain', acpi1Compatible: false, presentBit: false,
  });
  const cpus = (scope as Scope).body[1]!;
  const dword = { access: 'DWordAcc', lock: 'NoLock', update: 'Preserve' } as const;
  const pres: AmlNode = new Device('\\_SB.PRES', [
    new Mutex('CPLK', 0),
    new OperationRegion('PRST', 'SystemIO', 0x0cd8, 12),
    new Field('PRST', { access: 'ByteAcc', lock: 'NoLock', update: 'WriteAsZeros' }, [
      offset(4), field('CPEN', 1), field('CINS', 1), field('CRMV', 1), field('CEJ0', 1), field('CEJF', 1), reserved(3), field('CCMD', 8),
    ]),
    new Field('PRST', dword, [field('CSEL', 32)]),
    new Field('PRST', dword, [field('CDAT', 32)]),
  ]);
  return buildDefinitionBlock({ signature: 'DSDT', revision: 2, oem: QEMU_OEM, body: [new Scope('\\_GPE', []), new Scope('\\_SB', [pres, cpus]), event!] });
}

/** Median user+sys seconds of `runs` runs of a command: process start-up is noisy. */
function cpuSeconds(argv: readonly string[], runs = 3): number {
  const times = Array.from({ length: runs }, () => cpuSecondsOnce(argv)).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

/** user+sys seconds of one command, from bash's `time`. */
function cpuSecondsOnce(argv: readonly string[]): number {
  const quoted = argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const out = execFileSync('bash', ['-c', `TIMEFORMAT='%3U %3S'; { time ${quoted} >/dev/null 2>&1 ; } 2>&1`], { encoding: 'utf8', timeout: 300_000 });
  const [u, s] = out.trim().split(/\s+/).map(Number);
  return (u ?? NaN) + (s ?? NaN);
}

export interface PeerComparison {
  readonly workload: string;
  readonly oursSeconds: number;
  readonly acpiexecSeconds: number;
  readonly oursNetSeconds: number;
  readonly acpiexecNetSeconds: number;
}

export function benchInterpVsAcpiexec(): PeerComparison[] | string {
  const acpiexec = findExecutable('acpiexec');
  if (!acpiexec) return 'SKIPPED: interpreter vs acpiexec needs acpiexec (Debian package acpica-tools)';
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-bench-'));
  try {
    const loop = join(dir, 'loop.aml');
    const cscn = join(dir, 'cscn.aml');
    writeFileSync(loop, loopTable());
    writeFileSync(cscn, allPendingCscnTable());
    const ours = (table: string, call: string, ...args: string[]) => ['node', BIN, 'aml', 'exec', table, '--quiet', '--fill', '0x03', '--call', call, ...args];
    const theirs = (table: string, cmd: string) => [acpiexec, '-dt', '-fv', '0x03', '-b', cmd, table];
    const baseline = { ours: cpuSeconds(ours(loop, '\\LOOP', '1')), acpiexec: cpuSeconds(theirs(loop, 'execute \\LOOP 1')) };
    const cases = [
      { workload: `While loop, ${LOOP_ITERATIONS} iterations`, ours: ours(loop, '\\LOOP', String(LOOP_ITERATIONS)), acpiexec: theirs(loop, `execute \\LOOP ${LOOP_ITERATIONS}`) },
      { workload: `\\_GPE._E02 CSCN, ${SLOTS} CPUs all pending`, ours: ours(cscn, '\\_GPE._E02'), acpiexec: theirs(cscn, 'execute \\_GPE._E02') },
    ];
    return cases.map((c) => {
      const o = cpuSeconds(c.ours);
      const a = cpuSeconds(c.acpiexec);
      return { workload: c.workload, oursSeconds: o, acpiexecSeconds: a, oursNetSeconds: o - baseline.ours, acpiexecNetSeconds: a - baseline.acpiexec };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function reportInterpVsAcpiexec(r: PeerComparison[] | string): void {
  if (typeof r === 'string') {
    console.log(r);
    return;
  }
  for (const c of r) {
    // Below this our evaluation is lost in the variation of node's own start-up.
    const net = c.oursNetSeconds < 0.05
      ? `ours within process start-up noise, acpiexec ${c.acpiexecNetSeconds.toFixed(3)} s`
      : `ours ${c.oursNetSeconds.toFixed(3)} s, acpiexec ${c.acpiexecNetSeconds.toFixed(3)} s (ratio ${(c.acpiexecNetSeconds / c.oursNetSeconds).toFixed(1)}x)`;
    console.log(
      `${`vs acpiexec: ${c.workload}`.padEnd(48)} CPU (median of 3) ours ${c.oursSeconds.toFixed(2)} s, acpiexec ${c.acpiexecSeconds.toFixed(2)} s ` +
        `(ratio ${(c.acpiexecSeconds / c.oursSeconds).toFixed(1)}x); less process start: ${net}`,
    );
  }
}
