// The one place the test harness reaches src/aml/interp. It is imported at run
// time, so CPUHP_INTERP_MODULE can put another module with the same API in its
// place (a stub to exercise the harness, another build to fuzz), and a missing or
// broken module makes every test that needs it fail with one clear message
// (never skip). RealInterpreterFits below keeps the real one checked by tsc.
//
// The types below are the interpreter's public API as agreed (src/aml/interp/
// index.ts), narrowed to what the harness uses; loadInterpreter() checks the
// exports' shape before handing them out.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RegionHandler } from './region-store.ts';
import type { RegionSpace } from './aml-trace.ts';

/** AmlValue, loosely: `kind` plus the kind's fields (integer: bigint value, ...). */
export interface InterpAmlValue {
  readonly kind: string;
  readonly value?: unknown;
  readonly elements?: readonly InterpAmlValue[];
}

export interface InterpLimits { loopIterations?: number; callDepth?: number; operations?: number; timeMs?: number }

export interface InterpreterInstance {
  loadTable(table: Uint8Array): void;
  /** Puts a table in the host's list without loading it (LoadTable, DataTableRegion). */
  addTable?(table: Uint8Array): void;
  installAddressSpaceHandler(space: RegionSpace, handler: RegionHandler): unknown;
  installNotifyHandler(handler: (path: string, value: number) => void): void;
  onDebug(handler: (value: InterpAmlValue) => void): void;
  evaluate(path: string, args?: readonly InterpAmlValue[]): InterpAmlValue | undefined;
  /** The failures of the initialisation walk: `{ path }` each (a stub may return nothing). */
  runInitializers(): unknown;
}

export interface InterpModule {
  Interpreter: new (options?: { limits?: InterpLimits }) => InterpreterInstance;
  AmlError: new (...args: never[]) => Error & { code: string; method?: string; offset?: number };
}

/**
 * src/aml/interp/index.ts, unless CPUHP_INTERP_MODULE names another module with
 * the same exports (a stub to exercise the harness, or another build to fuzz).
 */
// The real module must keep fitting the shape above: checked here at compile
// time, since the import below happens at run time.
type Fits<M extends InterpModule> = M;
export type RealInterpreterFits = Fits<typeof import('../../src/aml/interp/index.ts')>;

export const INTERP_ENTRY = process.env.CPUHP_INTERP_MODULE ?? fileURLToPath(new URL('../../src/aml/interp/index.ts', import.meta.url));

let cached: Promise<InterpModule> | undefined;

/** src/aml/interp, or a rejection that says why it cannot be used. */
export function loadInterpreter(entry: string = INTERP_ENTRY): Promise<InterpModule> {
  if (entry === INTERP_ENTRY && cached) return cached;
  const p = (async () => {
    if (!existsSync(entry)) throw new Error(`the AML interpreter is not there yet: ${entry} does not exist`);
    const mod = (await import(entry)) as Partial<InterpModule>;
    if (typeof mod.Interpreter !== 'function' || typeof mod.AmlError !== 'function') {
      throw new Error(`${entry} does not export the classes Interpreter and AmlError`);
    }
    const proto = mod.Interpreter.prototype as Record<string, unknown>;
    const missing = ['loadTable', 'installAddressSpaceHandler', 'installNotifyHandler', 'onDebug', 'evaluate', 'runInitializers']
      .filter((m) => typeof proto[m] !== 'function');
    if (missing.length > 0) throw new Error(`Interpreter in ${entry} lacks ${missing.join(', ')}`);
    return mod as InterpModule;
  })();
  if (entry === INTERP_ENTRY) cached = p;
  return p;
}
