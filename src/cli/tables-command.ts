import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findMachineType, DEFAULT_MACHINE, createMachineConfig, buildAcpiTables } from '../machine/index.ts';
import { machineName, parseOptions, type OptionSpec } from './options.ts';
import { UsageError } from './usage-error.ts';
import { findExecutable } from './which.ts';

export const DEFAULT_SMP = '2,maxcpus=8';

export const TABLES_OPTIONS: readonly OptionSpec[] = [
  { names: ['-machine', '-M'], key: 'machine', takesValue: true, help: `machine type (default ${DEFAULT_MACHINE})` },
  { names: ['-smp'], key: 'smp', takesValue: true, help: `CPU topology, QEMU syntax (default ${DEFAULT_SMP})` },
  { names: ['--out', '-o'], key: 'out', takesValue: true, help: 'directory to write SIG.aml files into (required)' },
  { names: ['--asl'], key: 'asl', takesValue: false, help: 'also write SIG.dsl, the iasl disassembly (needs iasl)' },
];

/** `cpuhp tables`: writes each ACPI table of a machine as DIR/SIG.aml. */
export async function tablesCommand(argv: readonly string[], log: (line: string) => void): Promise<number> {
  const opts = parseOptions(argv, TABLES_OPTIONS);
  const out = opts['out'];
  if (typeof out !== 'string') throw new UsageError('missing-option', "tables: option '--out DIR' is required");
  const type = findMachineType(machineName(String(opts['machine'] ?? DEFAULT_MACHINE)));
  const config = createMachineConfig(type, String(opts['smp'] ?? DEFAULT_SMP));
  const iasl = opts['asl'] ? findExecutable('iasl') : undefined;
  if (opts['asl'] && !iasl) throw new UsageError('bad-value', '--asl needs iasl on PATH (Debian package acpica-tools)');

  const set = buildAcpiTables(config);
  mkdirSync(out, { recursive: true });
  for (const [sig, { address, bytes }] of set.tables) {
    const path = join(out, `${sig}.aml`);
    writeFileSync(path, bytes);
    log(`${path}  ${bytes.length} bytes at 0x${address.toString(16)}`);
  }
  // The RSDP is a pointer structure, not a table with an SDT header: iasl cannot
  // disassemble it, so it gets the .bin name QEMU's fw_cfg dumps use.
  writeFileSync(join(out, 'RSDP.bin'), set.rsdp);
  log(`${join(out, 'RSDP.bin')}  ${set.rsdp.length} bytes`);
  if (iasl) {
    // Loaded only for --asl: child_process brings net, dgram and more with it, a
    // sizeable part of what a plain `cpuhp tables` costs over `node -e 0`.
    const { spawnSync } = await import('node:child_process');
    for (const sig of set.tables.keys()) {
      // iasl writes SIG.dsl beside the input; -p sets the output prefix explicitly.
      const r = spawnSync(iasl, ['-d', '-p', join(out, sig), join(out, `${sig}.aml`)], { encoding: 'utf8', timeout: 120_000 });
      if (r.status !== 0) {
        log(`iasl -d ${sig}.aml failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}`);
        return 1;
      }
      log(`${join(out, `${sig}.dsl`)}  (iasl -d)`);
    }
  }
  return 0;
}
