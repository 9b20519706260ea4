// Our half of a differential run: the same tables and commands through
// src/aml/interp, with TracedRegions standing in for acpiexec's simulated
// regions, giving a Trace that deepEquals acpiexec's when the two agree.

import type { Command, EvalResult, Trace, TraceValue, NotifyEvent, DebugEvent } from './aml-trace.ts';
import { normalizePath, TRACED_SPACES } from './aml-trace.ts';
import { TracedRegions, type RegionHandler } from './region-store.ts';
import { loadInterpreter, type InterpAmlValue } from './interp-module.ts';

export interface OursOptions {
  /** Call runInitializers() after loading (acpiexec's _STA/_INI walk; default true). */
  readonly initialize?: boolean;
  /** The interpreter's limits; the defaults keep a runaway loop near acpiexec's -to 1. */
  readonly limits?: { loopIterations?: number; callDepth?: number; operations?: number; timeMs?: number };
}

export interface OursRun {
  readonly trace: Trace;
  /** The AmlError of each command that failed (for messages; only "error" is compared). */
  readonly errors: readonly (Error | undefined)[];
  /** Paths of the _INI/_STA/_REG methods that failed while initialising. */
  readonly initFailures: readonly string[];
}

// Deterministic bounds only: a time limit would make the comparison depend on the load.
export const HARNESS_LIMITS = { loopIterations: 1_000_000, callDepth: 256, operations: 10_000_000 } as const;

/** Runs the commands in order on a fresh interpreter. Non-AmlError exceptions propagate: they are bugs. */
export async function runOurs(tables: readonly Uint8Array[], commands: readonly Command[], opts: OursOptions = {}): Promise<OursRun> {
  const { Interpreter, AmlError } = await loadInterpreter();
  const regions = new TracedRegions();
  const notifies: NotifyEvent[] = [];
  const debug: DebugEvent[] = [];
  const interp = new Interpreter({ limits: { ...HARNESS_LIMITS, ...opts.limits } });
  for (const space of TRACED_SPACES) interp.installAddressSpaceHandler(space, regions.handler(space) satisfies RegionHandler);
  interp.installNotifyHandler((path, value) => notifies.push({ cmd: regions.cmd, path: normalizePath(path), value }));
  interp.onDebug((value) => debug.push({ cmd: regions.cmd, value: toTraceValue(value) }));
  // As acpiexec: a file may hold several tables; DSDT and SSDTs are loaded, the
  // others only join the host's list (for LoadTable and DataTableRegion).
  const all = tables.flatMap(splitFile);
  const aml = (t: Uint8Array) => /^(DSDT|SSDT)$/.test(signatureOf(t));
  for (const table of all.filter((t) => !aml(t))) interp.addTable?.(table);
  for (const table of all.filter(aml)) interp.loadTable(table);
  const failed = opts.initialize ?? true ? interp.runInitializers() : [];
  const initFailures = Array.isArray(failed) ? failed.map((f: { path: string }) => normalizePath(f.path)) : [];

  const results: EvalResult[] = [];
  const errors: (Error | undefined)[] = [];
  for (const [i, c] of commands.entries()) {
    regions.cmd = i;
    try {
      const r = interp.evaluate(c.path, c.args ?? []);
      results.push(r === undefined ? { kind: 'none' } : toTraceValue(r));
      errors.push(undefined);
    } catch (e) {
      if (!(e instanceof AmlError)) throw e;
      results.push({ kind: 'error' });
      errors.push(e);
    }
  }
  return { trace: { results, accesses: regions.accesses, notifies, debug }, errors, initFailures };
}

/**
 * An interpreter value as a TraceValue. Buffers are copied (AML may change the
 * original later); kinds acpiexec cannot show in detail keep only their name.
 */
export function toTraceValue(v: InterpAmlValue): TraceValue {
  switch (v.kind) {
    case 'integer': return { kind: 'integer', value: v.value as bigint };
    case 'string': return { kind: 'string', value: v.value as string };
    case 'buffer': return { kind: 'buffer', value: Uint8Array.from(v.value as Uint8Array) };
    case 'package': return { kind: 'package', elements: (v.elements as InterpAmlValue[]).map(toTraceValue) };
    case 'uninitialized': case 'null': return { kind: 'uninitialized' };
    default: return { kind: 'other', type: /ref/i.test(v.kind) ? 'reference' : v.kind };
  }
}

const signatureOf = (t: Uint8Array) => String.fromCharCode(...t.subarray(0, 4));

/** The tables of one file, back to back (each header's Length, at byte 4, gives the next start). */
export function splitFile(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at + 36 <= bytes.length && out.length < 256;) {
    const length = new DataView(bytes.buffer, bytes.byteOffset + at, 8).getUint32(4, true);
    if (length < 36 || at + length > bytes.length) break;
    out.push(bytes.subarray(at, at + length));
    at += length;
  }
  return out.length > 0 ? out : [bytes];
}
