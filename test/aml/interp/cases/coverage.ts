// Which AML constructs the case suite exercises, read from the compiled AML
// itself: `iasl -dl` disassembles into legacy ASL, where every opcode has its own
// keyword (Add (...), not +), so a keyword in the disassembly is an opcode in the
// bytes. The list is what the interpreter must support for CPU hot-plug AML and
// what the differential suite promises to compare against ACPICA.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AmlCase } from './cases.ts';

const kw = (name: string) => ({ name, pattern: new RegExp(`\\b${name} \\(`) });

export const REQUIRED_CONSTRUCTS: ReadonlyArray<{ readonly name: string; readonly pattern: RegExp }> = [
  ...['Concatenate', 'Mid', 'ToBuffer', 'ToInteger', 'ToHexString', 'ToDecimalString', 'ToString'].map(kw),
  ...['CreateBitField', 'CreateByteField', 'CreateWordField', 'CreateDWordField', 'CreateQWordField', 'CreateField'].map(kw),
  ...['Index', 'RefOf', 'DerefOf', 'CondRefOf', 'ObjectType', 'Match', 'SizeOf', 'CopyObject'].map(kw),
  ...['Sleep', 'Stall', 'If', 'While', 'Switch', 'Store', 'Return', 'Notify', 'Acquire', 'Release'].map(kw),
  { name: 'Else', pattern: /\bElse\b/ },
  { name: 'Break', pattern: /\bBreak\b/ },
  { name: 'Continue', pattern: /\bContinue\b/ },
  ...['Add', 'Subtract', 'Multiply', 'Divide', 'Mod', 'Increment', 'Decrement', 'ShiftLeft', 'ShiftRight'].map(kw),
  ...['And', 'Or', 'XOr', 'NAnd', 'NOr', 'Not', 'FindSetLeftBit', 'FindSetRightBit'].map(kw),
  ...['LAnd', 'LOr', 'LNot', 'LEqual', 'LGreater', 'LLess'].map(kw),
  ...['Mutex', 'Package', 'Buffer', 'Method', 'Name', 'Scope', 'Device', 'Processor', 'ThermalZone', 'PowerResource', 'Event', 'Alias', 'External'].map(kw),
  { name: 'VarPackage', pattern: /\bPackage \((Local|Arg)\d\)/ },
  { name: 'String', pattern: /"[^"]*"/ },
  { name: 'Debug', pattern: /\bDebug\b/ },
  { name: 'Serialized method', pattern: /\bMethod \(\w+, \d, Serialized/ },
  { name: 'OperationRegion SystemIO', pattern: /\bOperationRegion \(\w+, SystemIO,/ },
  { name: 'OperationRegion SystemMemory', pattern: /\bOperationRegion \(\w+, SystemMemory,/ },
  { name: 'OperationRegion in a method', pattern: /\bOperationRegion \(\w+, \w+, Arg\d/ },
  ...['Field', 'IndexField', 'BankField'].map(kw),
  ...['Load', 'LoadTable', 'Unload', 'DataTableRegion', 'Fatal'].map(kw),
  { name: 'OperationRegion EmbeddedControl', pattern: /\bOperationRegion \(\w+, EmbeddedControl,/ },
  { name: 'OperationRegion PCI_Config', pattern: /\bOperationRegion \(\w+, PCI_Config,/ },
  { name: '_REG method', pattern: /\bMethod \(_REG, 2/ },
  { name: '_OSI call', pattern: /\b_OSI \(/ },
  ...['Preserve', 'WriteAsOnes', 'WriteAsZeros'].map((rule) => ({ name: `Field update rule ${rule}`, pattern: new RegExp(`Field \\(.*, ${rule}\\)`) })),
  ...['AnyAcc', 'ByteAcc', 'WordAcc', 'DWordAcc', 'QWordAcc'].map((acc) => ({ name: `Field access ${acc}`, pattern: new RegExp(`Field \\(.*, ${acc}, `) })),
];

const IASL_TIMEOUT_MS = 60_000;

/** `iasl -dl` of one .aml: legacy ASL with one keyword per opcode. */
export function disassembleLegacy(amlPath: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-iasl-dl-'));
  try {
    copyFileSync(amlPath, join(dir, 'case.aml'));
    const r = spawnSync('iasl', ['-dl', 'case.aml'], { cwd: dir, encoding: 'utf8', timeout: IASL_TIMEOUT_MS });
    if (r.error || r.status !== 0) throw new Error(`iasl -dl ${amlPath}: ${r.error?.message ?? `${r.stdout}${r.stderr}`}`);
    // Drop comments: the disassembler's header and notes are not code.
    return readFileSync(join(dir, 'case.dsl'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** For each required construct, the cases whose AML contains it. */
export function constructCoverage(cases: readonly AmlCase[], disassemble = disassembleLegacy): Map<string, string[]> {
  const texts = cases.map((c) => ({ name: c.name, text: disassemble(c.amlPath) }));
  return new Map(REQUIRED_CONSTRUCTS.map(({ name, pattern }) => [name, texts.filter((t) => pattern.test(t.text)).map((t) => t.name)]));
}
