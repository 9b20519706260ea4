import { readFileSync, statSync } from 'node:fs';
import { AcpiTableError, looksLikeAcpidump, parseAcpidump } from '../acpi/index.ts';
import { splitTables } from '../aml/decode/index.ts';
import { AmlError, DEFAULT_LIMITS, Interpreter, integer, string, type AmlValue } from '../aml/interp/index.ts';
import { tuneEngineForAml } from './engine-flags.ts';
import { PlainMemory } from './plain-memory.ts';
import { UsageError } from './usage-error.ts';

/** Where the errors point for the synopsis (src/cli/main.ts has it). */
const USAGE = "see 'cpuhp aml --help'";

/** An acpidump text file may be this large: its hex lines take about 4.5 times the bytes of 256 tables. */
const MAX_DUMP_FILE_BYTES = 64 << 20;

/** The address spaces `aml exec` simulates with plain memory, as acpiexec does. */
const SIMULATED_SPACES = ['SystemIO', 'SystemMemory', 'PCI_Config', 'EmbeddedControl', 'SystemCMOS'] as const;
const SPACE_LABEL: Record<(typeof SIMULATED_SPACES)[number], string> = {
  SystemIO: 'IO ', SystemMemory: 'MEM', PCI_Config: 'PCI', EmbeddedControl: 'EC ', SystemCMOS: 'CMOS',
};

/**
 * Loads every table of every file, as an OS loads firmware's: other tables
 * (FACP, OEMx...) join the host's list first, where LoadTable and
 * DataTableRegion find them; then the DSDT, then the SSDTs in file order. A file is a binary table
 * (or several back to back, as iasl writes them) or an acpidump text file.
 */
function loadTables(interp: Interpreter, files: readonly string[]): void {
  if (files.length === 0) throw new UsageError('missing-option', `aml: no table given (${USAGE})`);
  const tables = files.flatMap((f) => readTables(f).map((bytes) => ({ f, bytes })));
  const sig = (b: Uint8Array) => String.fromCharCode(...b.subarray(0, 4));
  const order = (b: Uint8Array) => (sig(b) === 'DSDT' ? 1 : sig(b) === 'SSDT' ? 2 : 0);
  for (const { f, bytes } of [...tables].sort((a, b) => order(a.bytes) - order(b.bytes))) {
    try {
      if (order(bytes) > 0) interp.loadTable(bytes);
      else interp.addTable(bytes);
    } catch (e) {
      if (e instanceof AmlError) throw new UsageError('bad-value', `aml: '${f}' does not load: ${e.message}`);
      throw e;
    }
  }
}

/**
 * The tables in a file. Only regular files are read, and only up to the
 * interpreter's table limit (an acpidump text file: MAX_DUMP_FILE_BYTES), so a
 * device (/dev/zero) or a huge file is refused before anything is read (issue
 * 10: 50 MB took 82 s and 3.8 GB).
 */
function readTables(f: string): Uint8Array[] {
  const limit = DEFAULT_LIMITS.tableBytes;
  let bytes: Uint8Array;
  try {
    const st = statSync(f);
    if (!st.isFile()) throw new UsageError('bad-value', `aml: cannot read '${f}': not a regular file`);
    if (st.size > MAX_DUMP_FILE_BYTES) throw new UsageError('bad-value', `aml: '${f}' is ${st.size} bytes, over the interpreter's limit of ${limit} bytes per table`);
    bytes = readFileSync(f);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError('bad-value', `aml: cannot read '${f}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    const text = bytes.length > 0 && bytes[0]! < 0x80 ? Buffer.from(bytes.subarray(0, 256)).toString('latin1') : '';
    if (looksLikeAcpidump(text)) {
      return parseAcpidump(Buffer.from(bytes).toString('latin1'), { maxTables: 256, maxTableBytes: limit }).map((t) => t.bytes);
    }
    if (bytes.length > limit) throw new UsageError('bad-value', `aml: '${f}' is ${bytes.length} bytes, over the interpreter's limit of ${limit} bytes per table`);
    return splitTables(bytes);
  } catch (e) {
    if (e instanceof AcpiTableError || e instanceof AmlError) throw new UsageError('bad-value', `aml: '${f}': ${e.message}`);
    throw e;
  }
}

/** The most --max-ops allows: about a minute and a half of evaluation at the default budget's pace. */
const MAX_OPERATIONS = 10_000_000_000;

/** An argument as written: 0x hex or decimal integers, anything else a string. */
function parseArg(text: string): AmlValue {
  if (/^0x[0-9a-f]{1,16}$/i.test(text) || /^[0-9]{1,20}$/.test(text)) {
    const v = BigInt(text);
    if (v > 0xffffffffffffffffn) throw new UsageError('bad-value', `aml: argument ${text} does not fit in 64 bits`);
    return integer(v);
  }
  return string(text);
}

export function formatValue(v: AmlValue | undefined, depth = 0): string {
  if (v === undefined) return 'none';
  if (depth > 8) return '...';
  switch (v.kind) {
    case 'integer': return `Integer 0x${v.value.toString(16).toUpperCase()}`;
    case 'string': return `String ${JSON.stringify(v.value)}`;
    case 'buffer': return `Buffer [${[...v.value].map((b) => b.toString(16).padStart(2, '0')).join(' ')}]`;
    case 'package': return `Package [${v.elements.map((e) => formatValue(e, depth + 1)).join(', ')}]`;
    case 'reference': return v.to === 'table' ? 'DDBHandle' : 'Reference';
    case 'uninitialized': return 'Uninitialized';
  }
}

/** `cpuhp aml exec` and `cpuhp aml tree`. */
export function amlCommand(argv: readonly string[], out: (line: string) => void): number {
  tuneEngineForAml('one-shot');
  const [sub, ...rest] = argv;
  if (sub === 'tree') {
    const interp = new Interpreter();
    loadTables(interp, rest);
    out(interp.tree().trimEnd());
    return 0;
  }
  if (sub !== 'exec') throw new UsageError('unknown-command', `aml: expected 'exec' or 'tree' (${USAGE})`);
  const tables: string[] = [];
  const osi: string[] = [];
  let init = false;
  const presets: [string, bigint, Uint8Array][] = [];
  let call: string | undefined;
  let fill = 0;
  let quiet = false;
  let operations = DEFAULT_LIMITS.operations;
  const args: AmlValue[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (call !== undefined) args.push(parseArg(a));
    else if (a === '--call') {
      call = rest[++i];
      if (call === undefined) throw new UsageError('missing-value', "aml: option '--call' requires a path");
    } else if (a === '--mem') {
      const m = /^(io|mem):(0x[0-9a-f]+|[0-9]+)=((?:[0-9a-f]{2})+)$/i.exec(rest[++i] ?? '');
      if (!m) throw new UsageError('bad-value', "aml: --mem takes io:ADDR=HEXBYTES or mem:ADDR=HEXBYTES (e.g. io:0xcdc=03)");
      presets.push([m[1] === 'io' ? 'SystemIO' : 'SystemMemory', BigInt(m[2]!), Buffer.from(m[3]!, 'hex')]);
    } else if (a === '--fill') {
      const v = rest[++i] ?? '';
      if (!/^(0x)?[0-9a-f]{1,2}$/i.test(v)) throw new UsageError('bad-value', "aml: --fill takes a byte value (e.g. 0x03)");
      fill = parseInt(v.replace(/^0x/i, ''), 16);
    } else if (a === '--max-ops') {
      // The operation budget (limits.ts), raised for long evaluations such as a
      // benchmark's; still bounded, so an evaluation always ends.
      const v = rest[++i] ?? '';
      if (!/^[0-9]{1,11}$/.test(v) || Number(v) < 1 || Number(v) > MAX_OPERATIONS) {
        throw new UsageError('bad-value', `aml: --max-ops takes a count of operations, 1..${MAX_OPERATIONS}`);
      }
      operations = Number(v);
    } else if (a === '--osi') {
      const v = rest[++i];
      if (v === undefined) throw new UsageError('missing-value', "aml: option '--osi' requires an interface name (NAME adds, !NAME removes, ! removes all)");
      osi.push(v);
    } else if (a === '--init') init = true;
    else if (a === '--quiet') quiet = true;
    else if (a.startsWith('-')) throw new UsageError('unknown-option', `aml: unknown option '${a}'`);
    else tables.push(a);
  }
  if (call === undefined && !init) throw new UsageError('missing-option', `aml exec: '--call PATH' or '--init' is required (${USAGE})`);
  let interp: Interpreter;
  try {
    interp = new Interpreter({ osi, limits: { operations } });
  } catch (e) {
    if (e instanceof AmlError) throw new UsageError('bad-value', `aml: --osi: ${e.message}`);
    throw e;
  }
  loadTables(interp, tables);
  const memory = new PlainMemory(fill);
  for (const [space, address, bytes] of presets) bytes.forEach((b, i) => memory.write(space, address + BigInt(i), 8, BigInt(b)));
  for (const space of SIMULATED_SPACES) {
    interp.installAddressSpaceHandler(space, {
      read: (address, bits) => memory.read(space, address, bits),
      write: (address, bits, value) => memory.write(space, address, bits, value),
    });
  }
  if (!quiet) interp.onTrace((e) =>
    out(`  ${SPACE_LABEL[e.space as keyof typeof SPACE_LABEL] ?? e.space} ${e.direction === 'read' ? 'R' : 'W'} 0x${e.address.toString(16).padStart(4, '0')} w${e.bitWidth / 8} 0x${e.value.toString(16)}`),
  );
  interp.onFatal((type, code, arg) => out(`  FATAL type 0x${type.toString(16)} code 0x${code.toString(16)} arg 0x${arg.toString(16)}`));
  let notifies = 0;
  interp.installNotifyHandler((path, value) => {
    notifies++;
    if (!quiet) out(`  NOTIFY ${path} 0x${value.toString(16).padStart(2, '0')}`);
  });
  if (!quiet) interp.onDebug((v) => out(`  DEBUG ${formatValue(v)}`));
  if (init) {
    // The OSPM's start: \_SB._INI, _REG of each space, _STA/_INI of every device.
    out('Initialize');
    const failures = interp.runInitializers();
    for (const f of failures) out(`  FAILED ${f.path}: ${f.error.code}: ${f.error.message}`);
    out(`Initialized: ${failures.length} failed`);
    if (call === undefined) return failures.length > 0 ? 1 : 0;
  }
  if (call === undefined) return 0;
  out(`${call}(${args.map((a) => formatValue(a)).join(', ')})`);
  try {
    out(`Result: ${formatValue(interp.evaluate(call, args))}`);
    if (quiet) out(`Notifies: ${notifies}`);
    return 0;
  } catch (e) {
    if (!(e instanceof AmlError)) throw e;
    out(`Error: ${e.code}: ${e.message}`);
    return 1;
  }
}
