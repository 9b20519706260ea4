// Runs ACPICA's acpiexec (acpica-tools 20200925) on a set of tables and a list
// of evaluations, and returns the comparable Trace that acpiexec-output.ts parses
// out of its debug output.
//
//   acpiexec -x 0x3806 -dr -to 1 [-di] t0.aml t1.aml < commands
//   (commands: "execute \A 0x1", ..., "namespace", "quit", one per line)
//
// The commands go to the debugger's prompt on stdin rather than to -b: -b takes
// one line of at most 1023 characters (a CPU hot-plug scenario is longer), and a
// -b run also idles about a second before exiting.
// -dr: no "repair" of predefined methods' return values (our interpreter has none).
// -to: AML While loops abort after this many seconds (ACPICA's default is 10 s
//      and it is time-based, not iteration-based).
// -di: no _STA/_INI walk at load, when the caller wants a state defined only by
//      its commands.

import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackChild } from '../support/children.ts';
import { scaled } from '../support/load-scale.ts';
import type { Command, CommandArg, Trace } from './aml-trace.ts';
import { ACPIEXEC_DEBUG_LEVEL, parseAcpiexecOutput, type AcpiexecOutput } from './acpiexec-output.ts';
import { byteSum, hasChecksum } from './qemu-tables.ts';

export interface AcpiexecOptions {
  /** Run the _STA/_INI walk after loading, as an OS would (default true; false passes -di). */
  readonly initialize?: boolean;
  /** Kill acpiexec after this long (default 60 s). */
  readonly timeoutMs?: number;
  /** -to: seconds before a While loop aborts with AE_AML_LOOP_TIMEOUT (default 1). */
  readonly loopTimeoutSeconds?: number;
  /** Executable (default `acpiexec` on PATH). */
  readonly command?: string;
}

export interface AcpiexecRun extends AcpiexecOutput {
  /** Everything acpiexec printed, stdout and stderr in order: for failure messages. */
  readonly raw: string;
  /**
   * With initialize: false, the events before the first command. acpiexec still
   * evaluates every device's _STA at start-up (its own device walk, even under
   * -di: QEMU's HPET _STA, our virt CPUs' CSTA), which is not part of the run, so
   * they are kept here instead of in `trace` (cmd -1).
   */
  readonly startup?: Pick<Trace, 'accesses' | 'notifies' | 'debug'>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** The debugger's line buffer (ACPI_DB_LINE_BUFFER_SIZE) is 512 bytes; stay below it. */
const MAX_COMMAND_LENGTH = 500;

/** `execute \PATH args` with acpiexec's argument spelling (integers are decimal unless 0x). */
export function formatCommand(c: Command): string {
  if (!/^[\\^]*[A-Z_][A-Z0-9_]{0,3}(\.[A-Z_][A-Z0-9_]{0,3})*$/.test(c.path)) {
    throw new Error(`not an AML path acpiexec can take: ${c.path}`);
  }
  const line = ['execute', c.path, ...(c.args ?? []).map(formatArg)].join(' ');
  if (line.length > MAX_COMMAND_LENGTH) throw new Error(`command longer than acpiexec's line buffer: ${line.slice(0, 60)}...`);
  return line;
}

function formatArg(a: CommandArg): string {
  switch (a.kind) {
    case 'integer':
      if (a.value < 0n || a.value > 0xffff_ffff_ffff_ffffn) throw new RangeError(`integer argument out of range: ${a.value}`);
      return `0x${a.value.toString(16)}`;
    case 'string':
      // Strings are delimited by '"' with no escapes; ';' separates commands on a line.
      if (!/^[\x20-\x7e]*$/.test(a.value) || /[";]/.test(a.value)) throw new Error(`string argument acpiexec cannot spell: ${JSON.stringify(a.value)}`);
      return `"${a.value}"`;
    case 'buffer':
      // Buffer bytes are always hex: "(01 0a ff)".
      return `(${Array.from(a.value, (b) => b.toString(16).padStart(2, '0')).join(' ')})`;
  }
}

/**
 * Runs `commands` on `tables` (loaded in order; a DSDT should come first) and
 * parses the result. Throws when acpiexec times out, crashes, or does not
 * report one result per command: a broken peer must not look like a difference.
 */
export async function runAcpiexec(tables: readonly Uint8Array[], commands: readonly Command[], opts: AcpiexecOptions = {}): Promise<AcpiexecRun> {
  tables.forEach((t, i) => {
    // acpiexec 20200925 segfaults on a table whose checksum is wrong.
    if (hasChecksum(t) && byteSum(t) !== 0) throw new Error(`table ${i} has a bad checksum (fix byte 9 first)`);
  });
  const dir = await mkdtemp(join(tmpdir(), 'cpuhp-acpiexec-'));
  try {
    const files = tables.map((t, i) => {
      const f = join(dir, `t${i}.aml`);
      writeFileSync(f, t);
      return f;
    });
    const script = join(dir, 'commands.txt');
    writeFileSync(script, [...commands.map(formatCommand), 'namespace', 'quit', ''].join('\n'));
    const args = ['-x', ACPIEXEC_DEBUG_LEVEL, '-dr', '-to', String(opts.loopTimeoutSeconds ?? 1)];
    if (opts.initialize === false) args.push('-di');
    args.push(...files);
    const raw = await runToFile(opts.command ?? 'acpiexec', args, dir, script, scaled(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS));
    const out = parseAcpiexecOutput(raw);
    checkComplete(out, commands, raw);
    return opts.initialize === false ? { ...splitStartup(out), raw } : { ...out, raw };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs a child with stdin from a file, stdout and stderr into one file (so their lines keep their order). */
async function runToFile(command: string, args: readonly string[], cwd: string, stdinPath: string, timeoutMs: number): Promise<string> {
  const outPath = join(cwd, 'output.txt');
  const fd = openSync(outPath, 'w');
  const input = openSync(stdinPath, 'r');
  try {
    const child = spawn(command, args, { cwd, stdio: [input, fd, fd], timeout: timeoutMs, killSignal: 'SIGKILL' });
    trackChild(child);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c, s) => resolve([c, s]));
    });
    const raw = readFileSync(outPath, 'latin1');
    if (signal !== null) throw new Error(`${command} killed by ${signal} (timeout ${timeoutMs} ms?)\n${tail(raw)}`);
    if (code !== 0) throw new Error(`${command} exited with status ${code}\n${tail(raw)}`);
    return raw;
  } finally {
    closeSync(fd);
    closeSync(input);
  }
}

/** Moves the events of acpiexec's start-up (cmd -1) out of the trace. */
function splitStartup(out: AcpiexecOutput): AcpiexecOutput & Pick<AcpiexecRun, 'startup'> {
  const { results, accesses, notifies, debug } = out.trace;
  const during = <T extends { cmd: number }>(l: readonly T[]) => l.filter((e) => e.cmd >= 0);
  const before = <T extends { cmd: number }>(l: readonly T[]) => l.filter((e) => e.cmd < 0);
  return {
    ...out,
    trace: { results, accesses: during(accesses), notifies: during(notifies), debug: during(debug) },
    startup: { accesses: before(accesses), notifies: before(notifies), debug: before(debug) },
  };
}

function checkComplete(out: AcpiexecOutput, commands: readonly Command[], raw: string): void {
  const missing = commands.findIndex((_, i) => out.trace.results[i] === undefined);
  if (out.evaluated.length !== commands.length || missing >= 0) {
    throw new Error(`acpiexec reported ${out.evaluated.length} evaluations for ${commands.length} commands` +
      (missing >= 0 ? ` (no result for #${missing} ${commands[missing]?.path})` : '') + `\n${tail(raw)}`);
  }
}

const tail = (text: string, lines = 40) => text.split('\n').slice(-lines).join('\n');

/**
 * ACPICA statuses that mean the same failure as one of our AmlError codes, for
 * checking a case's `error =>` line against acpiexec. A code not listed here is
 * only checked as "it failed".
 */
export const ACPICA_STATUS_FOR_CODE: Readonly<Record<string, readonly string[]>> = {
  'loop-timeout': ['AE_AML_LOOP_TIMEOUT'],
  'undefined-reference': ['AE_NOT_FOUND'],
  'type-mismatch': ['AE_AML_OPERAND_TYPE'],
  // ACPICA counts nested invocations of one method (its ThreadCount), not calls in general.
  'call-depth': ['AE_AML_METHOD_LIMIT'],
  'divide-by-zero': ['AE_AML_DIVIDE_BY_ZERO'],
  'index-out-of-range': ['AE_AML_PACKAGE_LIMIT', 'AE_AML_STRING_LIMIT'],
  'buffer-limit': ['AE_AML_BUFFER_LIMIT'],
  'region-limit': ['AE_AML_REGION_LIMIT'],
  'uninitialized': ['AE_AML_UNINITIALIZED_LOCAL', 'AE_AML_UNINITIALIZED_ARG', 'AE_AML_UNINITIALIZED_ELEMENT'],
  'already-exists': ['AE_ALREADY_EXISTS'],
  'mutex-order': ['AE_AML_MUTEX_ORDER'],
  'mutex-not-acquired': ['AE_AML_MUTEX_NOT_ACQUIRED'],
};

/** Our AmlError code for an ACPICA status, when ACPICA_STATUS_FOR_CODE knows one. */
export function codeForAcpicaStatus(status: string | undefined): string | undefined {
  if (status === undefined) return undefined;
  return Object.entries(ACPICA_STATUS_FOR_CODE).find(([, statuses]) => statuses.includes(status))?.[0];
}
