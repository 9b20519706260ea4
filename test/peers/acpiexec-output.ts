// Parses the output of `acpiexec -x 0x3806 -b "execute ...; ...; namespace"`
// (acpica-tools 20200925) into a Trace. Pure: acpiexec.ts runs the program.
//
// What each debug level bit gives us (ACPI_LV_*):
//   0x0002 DEBUG_OBJECT  "ACPI Debug:  <value>" for every store to Debug
//   0x0004 INFO          "EvQueueNotifyRequest : Dispatching Notify on [C001] ... Node 0x..",
//                        printed when Notify executes. The handler's own "Received a
//                        ... Notify" lines come from one thread per notify, so their
//                        order is not the program's; we only use the dispatch lines.
//   0x0800 OPREGION      "ExAccessRegion : [READ] Region [SystemIO:1], Width 4, ... at ADDR"
//   0x1000 BFIELD        "ExFieldDatumIo : Value Read V, Width 4" right after it
//   0x2000 TABLES        the hex dump of buffers in returned values (otherwise omitted)
// The trailing `namespace` command dumps every node with its address, which turns
// the notify's node pointer into a full path.

import type { DebugEvent, EvalResult, NotifyEvent, RegionAccess, Trace, TraceValue } from './aml-trace.ts';
import { normalizePath, TRACED_SPACES, type RegionSpace } from './aml-trace.ts';

export const ACPIEXEC_DEBUG_LEVEL = '0x3806';

export interface AcpiexecOutput {
  readonly trace: Trace;
  /** The path of each "Evaluating" line, in order (one per execute command). */
  readonly evaluated: readonly string[];
  /** ACPICA status per command when it failed (AE_AML_LOOP_TIMEOUT...), else undefined. */
  readonly statuses: readonly (string | undefined)[];
}

const RE_EVALUATING = /^Evaluating (\S+)\s*$/;
const RE_ACCESS = /ExAccessRegion\s*: \[(READ|WRITE)\] Region \[(\w+):[0-9A-Fa-f]+\], Width ([0-9A-Fa-f]+),.* at ([0-9A-Fa-f]+)\s*$/;
const RE_DATUM = /ExFieldDatumIo\s*: Value (?:Read|Written) ([0-9A-Fa-f]+), Width ([0-9A-Fa-f]+)/;
const RE_NOTIFY = /EvQueueNotifyRequest\s*: Dispatching Notify on \[(.{4})\] \(\w+\) Value 0x([0-9A-Fa-f]+) .*Node (0x[0-9a-fA-F]+)/;
const RE_DEBUG = /^ACPI Debug:\s+(.*)$/;
const RE_RETURNED = /^Evaluation of (\S+) returned object/;
const RE_NO_OBJECT = /^No object was returned from evaluation of (\S+)/;
const RE_FAILED = /^Evaluation of (\S+) failed with status (\w+)/;
const RE_NS_HEADER = /^ACPI Namespace \(from Namespace Root\):/;
const RE_NS_NODE = /^\s*(\d+)\s+(\S{4}) \S+\s+(0x[0-9a-fA-F]+) /;

/** A read position over the output lines, shared by the recursive value parsers. */
class Lines {
  i = 0;
  constructor(readonly lines: readonly string[]) {}
  get done(): boolean { return this.i >= this.lines.length; }
  next(): string { return this.lines[this.i++] ?? ''; }
  peek(): string { return this.lines[this.i] ?? ''; }
}

/**
 * acpiexec's notify handler runs on a thread of its own and prints one message
 * per Notify with a single printf. Debug lines are printed in several pieces, so
 * the message can land inside one of them; cutting it out wherever it is puts
 * the line back together. (The dispatch line, not this one, gives the order.)
 */
const RE_HANDLER_MESSAGE = /ACPI Exec: Global:\s+Received a (?:System|Device) Notify on \[[^\]\n]*\] 0x[0-9a-fA-F]+ Value 0x[0-9a-fA-F]+ \([^)\n]*\)\n/g;

export function parseAcpiexecOutput(text: string): AcpiexecOutput {
  const lines = new Lines(text.replace(RE_HANDLER_MESSAGE, '').split('\n').map((l) => l.replace(/\r$/, '')));
  const nodePaths = parseNamespace(lines.lines);
  const results: EvalResult[] = [];
  const statuses: (string | undefined)[] = [];
  const evaluated: string[] = [];
  const accesses: RegionAccess[] = [];
  const notifies: NotifyEvent[] = [];
  const debug: DebugEvent[] = [];
  let cmd = -1;
  let pending: Omit<RegionAccess, 'value'> | undefined;

  while (!lines.done) {
    const line = lines.next();
    let m: RegExpExecArray | null;
    if ((m = RE_EVALUATING.exec(line))) {
      cmd++;
      evaluated.push(m[1] ?? '');
      statuses.push(undefined);
    } else if ((m = RE_ACCESS.exec(line))) {
      const space = m[2];
      pending = (TRACED_SPACES as readonly string[]).includes(space ?? '')
        ? { cmd, space: space as RegionSpace, direction: m[1] === 'READ' ? 'read' : 'write', address: BigInt(`0x${m[4]}`), bitWidth: byteWidthToBits(m[3] ?? '') }
        : undefined;
    } else if ((m = RE_DATUM.exec(line))) {
      // ACPICA hands the handler a 64-bit value: a WriteAsOnes byte write shows as
      // 0xFFFFFFFFFFFFFFF3. Only the access width reaches the register, so compare that.
      if (pending) accesses.push({ ...pending, value: BigInt(`0x${m[1]}`) & ((1n << BigInt(pending.bitWidth)) - 1n) });
      pending = undefined;
    } else if ((m = RE_NOTIFY.exec(line))) {
      const path = nodePaths.get((m[3] ?? '').toLowerCase()) ?? `?${m[1]}`;
      notifies.push({ cmd, path: normalizePath(path), value: Number.parseInt(m[2] ?? '', 16) });
    } else if ((m = RE_DEBUG.exec(line))) {
      debug.push({ cmd, value: parseDebugValue(m[1] ?? '', lines) });
    } else if (RE_RETURNED.test(line)) {
      results[cmd] = parseReturnedValue(lines);
    } else if (RE_NO_OBJECT.test(line)) {
      results[cmd] = { kind: 'none' };
    } else if ((m = RE_FAILED.exec(line))) {
      results[cmd] = { kind: 'error' };
      statuses[cmd] = m[2];
    }
  }
  return { trace: { results, accesses, notifies, debug }, evaluated, statuses };
}

function byteWidthToBits(hexBytes: string): 8 | 16 | 32 | 64 {
  const bits = Number.parseInt(hexBytes, 16) * 8;
  if (bits === 8 || bits === 16 || bits === 32 || bits === 64) return bits;
  throw new Error(`acpiexec reported an access width of ${hexBytes} bytes`);
}

/**
 * The `namespace` dump: "<depth> <indent><NAME> <Type> 0xNODE ...", children
 * right after their parent with depth + 1. Returns node address → full path.
 */
function parseNamespace(lines: readonly string[]): Map<string, string> {
  const paths = new Map<string, string>();
  const start = lines.findIndex((l) => RE_NS_HEADER.test(l));
  if (start < 0) return paths;
  const stack: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = RE_NS_NODE.exec(line);
    if (!m) continue;
    const depth = Number(m[1]);
    stack.length = depth;
    stack[depth] = m[2] ?? '????';
    paths.set((m[3] ?? '').toLowerCase(), `\\${stack.join('.')}`);
  }
  return paths;
}

// -- returned values: dbexec's AcpiDbDumpExternalObject --------------------------
//   [Integer] = 000000000000000F
//   [String] Length 03 = "two"            (AcpiUtPrintString escapes)
//   [Buffer] Length 14 = <hex dump, on this line if <= 16 bytes, else below>
//   [Package] Contains 2 Elements:        (then one element per entry)
//   [Null Object] (Type=0)

function parseReturnedValue(lines: Lines): TraceValue {
  return parseExternalObject(lines.next().trim(), lines);
}

function parseExternalObject(text: string, lines: Lines): TraceValue {
  let m: RegExpExecArray | null;
  if ((m = /^\[Integer\] = ([0-9A-Fa-f]+)/.exec(text))) return { kind: 'integer', value: BigInt(`0x${m[1]}`) };
  if ((m = /^\[String\] Length ([0-9A-Fa-f]+) = "(.*)"(\.\.\.)?$/.exec(text))) {
    const value = unescapeAcpiString(m[2] ?? '');
    if (m[3] !== undefined || value.length !== Number.parseInt(m[1] ?? '', 16)) {
      throw new Error(`acpiexec truncated a returned string (${text}); compare shorter strings`);
    }
    return { kind: 'string', value };
  }
  if ((m = /^\[Buffer\] Length ([0-9A-Fa-f]+) =(.*)$/.exec(text))) {
    return { kind: 'buffer', value: readHexDump(Number.parseInt(m[1] ?? '', 16), m[2] ?? '', lines) };
  }
  if ((m = /^\[Package\] Contains (\d+) Elements:/.exec(text))) {
    const count = Number(m[1]);
    const elements: TraceValue[] = [];
    for (let k = 0; k < count && !lines.done; k++) elements.push(parseExternalObject(lines.next().trim(), lines));
    return { kind: 'package', elements };
  }
  if (text.startsWith('[Null Object]')) return { kind: 'uninitialized' };
  if (text.startsWith('[Object Reference]')) return { kind: 'other', type: 'reference' };
  m = /^\[([^\]]+)\]/.exec(text);
  return { kind: 'other', type: (m?.[1] ?? text).toLowerCase() };
}

/** AcpiUtPrintString's escapes: \a \b \f \n \r \t \v \' \" \\ and \xHH (sign-extended above 0x7F). */
export function unescapeAcpiString(s: string): string {
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
  return s.replace(/\\(x[0-9A-Fa-f]{2,8}|.)/g, (_, e: string) => {
    if (e.startsWith('x') && e.length > 1) return String.fromCharCode(Number.parseInt(e.slice(-2), 16));
    return simple[e] ?? e;
  });
}

/**
 * AcpiUtDumpBuffer's lines "    0010: 00 01 ...  // ascii", starting with
 * `first` (the rest of the header line) and going on until `length` bytes.
 */
function readHexDump(length: number, first: string, lines: Lines): Uint8Array {
  const bytes: number[] = [];
  const take = (text: string) => {
    const m = /^\s*[0-9A-Fa-f]{4,8}: ((?:[0-9A-Fa-f]{2} )+)/.exec(text + ' ');
    if (!m) return false;
    for (const h of (m[1] ?? '').trim().split(' ')) if (bytes.length < length) bytes.push(Number.parseInt(h, 16));
    return true;
  };
  if (length === 0) return new Uint8Array(0);
  if (first.trim() !== '') take(first);
  while (bytes.length < length && !lines.done && take(lines.peek())) lines.next();
  if (bytes.length !== length) throw new Error(`acpiexec dumped ${bytes.length} of ${length} buffer bytes`);
  return Uint8Array.from(bytes);
}

// -- Debug stores: exdebug.c's AcpiExDoDebugObject -------------------------------
//   ACPI Debug:  0x000000000000000F    (0x0000000F when integers are 32-bit)
//   ACPI Debug:  "text"                (raw: a newline in the string breaks the line)
//   ACPI Debug:  Buffer  [0x02]        (hex dump lines follow, without the prefix)
//   ACPI Debug:  Package  (Contains 0x02 Elements):
//   ACPI Debug:     (00) 0x...         (each element on its own "ACPI Debug:" entry)
//   ACPI Debug:     (01) [Null Object]

function parseDebugValue(text: string, lines: Lines): TraceValue {
  const body = text.replace(/^\([0-9A-Fa-f]{2,}\) /, '');
  let m: RegExpExecArray | null;
  if ((m = /^0x([0-9A-Fa-f]+)\s*$/.exec(body))) return { kind: 'integer', value: BigInt(`0x${m[1]}`) };
  if (body.startsWith('"')) {
    let raw = body;
    while (!(raw.length >= 2 && raw.endsWith('"')) && !lines.done) raw += `\n${lines.next()}`;
    return { kind: 'string', value: raw.slice(1, -1) };
  }
  if ((m = /^Buffer\s+\[0x([0-9A-Fa-f]+)\]/.exec(body))) {
    return { kind: 'buffer', value: readHexDump(Number.parseInt(m[1] ?? '', 16), '', lines) };
  }
  if ((m = /^Package\s+\(Contains 0x([0-9A-Fa-f]+) Elements\):/.exec(body))) {
    const count = Number.parseInt(m[1] ?? '', 16);
    const elements: TraceValue[] = [];
    for (let k = 0; k < count && !lines.done; k++) {
      const e = RE_DEBUG.exec(lines.next());
      elements.push(e ? parseDebugValue(e[1] ?? '', lines) : { kind: 'other', type: 'unparsed' });
    }
    return { kind: 'package', elements };
  }
  if (body.startsWith('[Null Object]')) return { kind: 'uninitialized' };
  if (body.startsWith('Reference')) return { kind: 'other', type: 'reference' };
  return { kind: 'other', type: (body.split(/\s+/)[0] ?? body).toLowerCase() };
}
