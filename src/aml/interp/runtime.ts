// The state one interpreter shares across evaluations (namespace, handlers, integer
// width, virtual clock) and the state of the evaluation in progress (call depth,
// budget, sync level, mutexes held). Frames are the Locals and Args of one call.
import { Budget, type Limits } from './limits.ts';
import { parsePath } from '../decode/index.ts';
import { Namespace, type NamespaceNode } from './namespace.ts';
import { RegionIo } from './opregion.ts';
import { type AmlValue, type MethodObject, type MutexObject, type RegionObject, UNINITIALIZED } from './types.ts';
import type { PendingName } from './compile.ts';
import type { HostTable } from './host-tables.ts';
import type { RegFailure } from './reg.ts';
import { AmlError } from './errors.ts';
import type { TableHeader } from '../decode/index.ts';
import type { LoadedTable } from './types.ts';

export type { Limits } from './limits.ts';
export { DEFAULT_LIMITS } from './limits.ts';

export type NotifyHandler = (path: string, value: number) => void;
export type DebugHandler = (value: AmlValue) => void;
export type FatalHandler = (type: number, code: number, arg: bigint) => void;

/**
 * What code low in the interpreter calls back up into: method invocation (invoke.ts),
 * loading and unloading tables (loader.ts) and _REG (reg.ts). The Interpreter hands
 * them to its Runtime (calls.ts), so that the compiler, the store and the operators
 * reach them without importing the files that import them: the interpreter's files
 * form no circle, and none depends on the order modules load in.
 */
export interface RuntimeCalls {
  /** Evaluates a node: calls a method with `args`, reads any other object. */
  call(rt: Runtime, node: NamespaceNode, args: readonly AmlValue[]): AmlValue | undefined;
  invoke(rt: Runtime, node: NamespaceNode, m: MethodObject, args: readonly AmlValue[]): AmlValue | undefined;
  loadTable(rt: Runtime, bytes: Uint8Array, scope?: NamespaceNode): { header: TableHeader; table: LoadedTable };
  unloadTable(rt: Runtime, table: LoadedTable): void;
  runRegMethods(rt: Runtime, from: NamespaceNode, only?: number): RegFailure[];
}

export class Runtime {
  readonly ns = new Namespace();
  readonly io = new RegionIo();
  /** 64 for a DSDT of revision 2 and up, 32 below (ACPI 6.5 §5.2.11.1). */
  width: 32 | 64 = 64;
  /** Bumped whenever tables change the namespace, so compiled method bodies rebind their names. */
  generation = 0;
  /** Virtual time in 100 ns units: Sleep and Stall advance it, Timer reads it. Nothing blocks. */
  clock = 0n;
  readonly notifyHandlers: NotifyHandler[] = [];
  readonly debugHandlers: DebugHandler[] = [];
  /** The host's tables, loaded or not (limits.ts MAX_HOST_TABLES). */
  readonly tables: HostTable[] = [];
  /** Tables whose loading is in progress, outermost first (limits.ts MAX_LOAD_NESTING). */
  readonly loading: HostTable[] = [];

  // The evaluation in progress (evaluate() may be re-entered from a handler: it joins it).
  active = 0;
  depth = 0;
  syncLevel = 0;
  readonly held: MutexObject[] = [];
  private readonly budget: Budget;

  /** Set by the OSPM's initialisation (runInitializers): from then on _REG runs as handlers and tables come. */
  initialized = false;
  /** Regions whose _REG(space, 1) has run (reg.ts). */
  readonly regConnected = new WeakSet<RegionObject>();
  /** Receive Fatal(type, code, arg) (ACPI 6.5 §19.6.47); one that throws stops the evaluation. */
  readonly fatalHandlers: FatalHandler[] = [];

  /** Non-fatal problems met while loading tables (duplicate names, skipped objects). */
  readonly warnings: string[] = [];

  constructor(
    readonly limits: Limits,
    readonly calls: RuntimeCalls,
  ) {
    this.budget = new Budget(limits);
  }

  /** A node from an ASL-style path string, relative to `scope`; undefined if invalid or absent. */
  lookupString(scope: NamespaceNode, path: string): NamespaceNode | undefined {
    try {
      return this.ns.lookup(scope, parsePath(path));
    } catch {
      return undefined;
    }
  }

  begin(): void {
    if (this.active++ === 0) {
      this.depth = 0;
      this.syncLevel = 0;
      this.budget.start();
    }
  }

  /** Ends an evaluation; the outermost one releases whatever the AML left acquired. */
  end(): void {
    if (--this.active === 0) {
      for (const m of this.held) {
        m.depth = 0;
      }
      this.held.length = 0;
      this.syncLevel = 0;
      this.depth = 0;
    }
  }

  /** Charges `n` operations to the evaluation's budget (see limits.ts); throws when it is spent. */
  tick(n = 1): void {
    this.budget.spend(n);
  }
}

/** Control-flow outcome of a statement: carry on, Break, Continue, or Return. */
export type Flow = 0 | 1 | 2 | 3;
export const NEXT = 0, BREAK = 1, CONTINUE = 2, RETURN = 3;

/** One method invocation (or a table's module-level code, with no method). */
export class Frame {
  readonly locals: AmlValue[] = [UNINITIALIZED, UNINITIALIZED, UNINITIALIZED, UNINITIALIZED,
    UNINITIALIZED, UNINITIALIZED, UNINITIALIZED, UNINITIALIZED];
  ret: AmlValue | undefined = undefined;
  /** Table offset of the statement running, for error reports. */
  offset = 0;
  /** Names this invocation created, deleted when it returns (ACPI 6.5 §19.6.85). */
  created: NamespaceNode[] | undefined = undefined;

  constructor(
    readonly rt: Runtime,
    /** Where relative names are looked up: the method's node, or the scope being loaded. */
    readonly scope: NamespaceNode,
    readonly args: AmlValue[],
    readonly method: MethodObject | undefined,
    /** Called for every node created, instead of `created` (table loading records them for rollback). */
    readonly onCreate?: (node: NamespaceNode) => void,
    /** While a table loads: package name elements to resolve once it is loaded. */
    readonly pending?: PendingName[],
  ) {}

  /** True while a table's module-level code runs (duplicate names are then warnings, as in ACPICA). */
  get loading(): boolean {
    return this.pending !== undefined;
  }

  /** Records a node created while this frame runs. */
  track(node: NamespaceNode): void {
    if (this.onCreate) this.onCreate(node);
    else (this.created ??= []).push(node);
  }
}

/** The node an ASL-style path names from the frame's scope, or AE_NOT_FOUND's error. */
export function lookupPath(f: Frame, path: string): NamespaceNode {
  const n = f.rt.lookupString(f.scope, path);
  if (!n) throw new AmlError('undefined-reference', `${path} does not exist`);
  return n;
}
