// The public face of the interpreter: load tables, install host handlers, evaluate
// objects. Everything it throws is an AmlError; each evaluation is bounded by the
// limits; nothing it does blocks or reads the wall clock except the time limit.
import { parsePath, type TableHeader } from '../decode/index.ts';
import { asAmlError, AmlError } from './errors.ts';
import { callNode } from './invoke.ts';
import { addHostTable } from './host-tables.ts';
import { finishSteps, loadTableSteps } from './loader.ts';
import { RUNTIME_CALLS } from './calls.ts';
import { resolveAlias, type NamespaceNode } from './namespace.ts';
import type { AddressSpace, RegionHandler, RegionObserver } from './opregion.ts';
import { installPredefined, osiList } from './predefined.ts';
import { checkTableSize, resolveLimits, type Limits } from './limits.ts';
import { type DebugHandler, type FatalHandler, type NotifyHandler, Runtime } from './runtime.ts';
import { runRegMethods } from './reg.ts';
import { readNode } from './store.ts';
import { listNamespace } from './tree.ts';
import { type AmlValue, copyValue, type LoadedTable, type RegionObject } from './types.ts';
import { checkArgument } from './values.ts';

export interface InterpreterOptions {
  readonly limits?: Partial<Limits>;
  /** Changes to the _OSI list, in Linux's acpi_osi= spelling ("NAME", "!NAME", "!"): see osiList(). */
  readonly osi?: readonly string[];
}

/** An _INI or _STA that failed during runInitializers(); the walk went on. */
export interface InitFailure {
  readonly path: string;
  readonly error: AmlError;
}

export class Interpreter {
  private rt: Runtime;
  private readonly limits: Limits;
  private readonly osi: ReadonlySet<string>;

  constructor(options: InterpreterOptions = {}) {
    this.limits = resolveLimits(options.limits);
    this.osi = osiList(options.osi);
    this.rt = this.freshRuntime();
  }

  private freshRuntime(): Runtime {
    const rt = new Runtime(this.limits, RUNTIME_CALLS);
    installPredefined(rt, this.osi);
    rt.io.pciOf = (region) => this.pciFunctionOf(region);
    return rt;
  }

  /**
   * Back to the state of a new Interpreter with the same limits (a guest reboot):
   * every table, handler, observer and the virtual clock are dropped. Not allowed
   * while an evaluation is running (from inside a handler).
   */
  reset(): void {
    if (this.rt.active > 0 && !this.loading) throw new AmlError('bad-argument', 'reset() during an evaluation');
    this.loading = false;
    this.rt = this.freshRuntime();
    this.paths.clear();
  }

  /**
   * Loads a DSDT or SSDT (36-byte header included). A DSDT's revision sets the
   * integer width (32 bits below revision 2). Malformed bytes outside method
   * bodies throw AmlError('decode-error') with the table offset, an error in
   * module-level code its own AmlError; either way every object the table
   * created is removed (values module-level code stored elsewhere stay: the
   * table runs as it is decoded, as in ACPICA). Method bodies are decoded on
   * their first run: bad bytes there fail that run, and every later one.
   */
  loadTable(table: Uint8Array): TableHeader {
    return finishSteps(this.loadTableInSteps(table));
  }

  /**
   * loadTable() in steps, each running at most LOAD_STEP_STATEMENTS statements
   * of the table (loader.ts): a host that serves others between steps calls
   * next() until done. No other AML runs meanwhile: evaluate(), loadTable() and
   * runInitializers() refuse with AmlError('bad-argument') until the last step
   * has run; reset() abandons the load.
   */
  *loadTableInSteps(table: Uint8Array): Generator<void, TableHeader> {
    this.assertIdle('loadTable()');
    if (!(table instanceof Uint8Array)) throw new AmlError('bad-argument', 'loadTable needs a Uint8Array');
    checkTableSize(table, this.limits);
    const rt = this.rt;
    this.loading = true;
    let loaded: { header: TableHeader; table: LoadedTable };
    try {
      const steps = loadTableSteps(rt, table);
      for (;;) {
        const r = steps.next();
        if (r.done) {
          loaded = r.value;
          break;
        }
        yield;
        if (this.rt !== rt) throw new AmlError('bad-argument', 'the interpreter was reset while a table was loading');
      }
    } finally {
      if (this.rt === rt) this.loading = false;
    }
    // In the host's list too (DataTableRegion may name it; LoadTable of it is 'already-exists').
    const host = addHostTable(rt, table);
    host.loaded = loaded.table;
    if (rt.initialized) {
      const failures = runRegMethods(rt, rt.ns.root);
      for (const f of failures) rt.warnings.push(`${f.path}: ${f.error.message}`);
    }
    return loaded.header;
  }

  /** A stepped load is under way (loadTableInSteps). */
  private loading = false;

  private assertIdle(what: string): void {
    if (this.loading) throw new AmlError('bad-argument', `${what} while a table is loading in steps`);
  }

  /**
   * Adds a table to the host's list without loading it (an XSDT entry the OS does
   * not load itself): LoadTable loads it, DataTableRegion maps it. Any signature;
   * at most 256 tables (limits.ts MAX_HOST_TABLES).
   */
  addTable(table: Uint8Array): TableHeader {
    if (!(table instanceof Uint8Array)) throw new AmlError('bad-argument', 'addTable needs a Uint8Array');
    checkTableSize(table, this.limits);
    try {
      return addHostTable(this.rt, table).header;
    } catch (e) {
      throw asAmlError(e);
    }
  }

  /**
   * Serves an address space; replaces any handler installed for it before. After
   * runInitializers(), the _REG methods of the space's regions run now (reg.ts);
   * their failures are returned.
   */
  installAddressSpaceHandler(space: AddressSpace, handler: RegionHandler): InitFailure[] {
    if (this.rt.active > 0) throw new AmlError('bad-argument', 'installAddressSpaceHandler() during an evaluation');
    const id = this.rt.io.install(space, handler);
    return this.rt.initialized ? runRegMethods(this.rt, this.rt.ns.root, id) : [];
  }

  /**
   * Receives every Fatal(type, code, arg) the AML executes. Execution then goes
   * on, as under Linux; a handler that throws stops the evaluation with
   * AmlError('fatal') (a host that halts, as Windows does).
   */
  onFatal(handler: FatalHandler): void {
    this.rt.fatalHandlers.push(handler);
  }

  /**
   * Receives every Notify, synchronously and in the order the AML executes them,
   * with the object's path ('\\_SB.CPUS.C001') and value. A handler that throws
   * aborts the evaluation with AmlError('handler-error').
   */
  installNotifyHandler(handler: NotifyHandler): void {
    this.rt.notifyHandlers.push(handler);
  }

  /** Receives a copy of every value stored to Debug. */
  onDebug(handler: DebugHandler): void {
    this.rt.debugHandlers.push(handler);
  }

  /** Sees every operation-region access after it happened, in order; returns an unsubscribe function. */
  onTrace(observer: RegionObserver): () => void {
    return this.rt.io.observe(observer);
  }

  /**
   * Evaluates the object at an absolute path: runs a method with `args` (missing
   * ones are uninitialized), reads a field, or returns a copy of a data object. A
   * method with no Return gives undefined; a Device or other object gives a
   * reference to it. Throws AmlError, never anything else; the evaluation ends
   * within limits.operations (limits.ts), and the mutexes the AML left acquired are released.
   */
  evaluate(path: string, args: readonly AmlValue[] = []): AmlValue | undefined {
    this.assertIdle('evaluate()');
    const node = this.node(path);
    if (!node) throw new AmlError('undefined-reference', `${path} does not exist`);
    const input = args.map((a, i) => copyValue(checkArgument(a, `argument ${i}`)));
    return this.run(() => callNode(this.rt, node, input));
  }

  /**
   * Initialises the namespace as OSPM does after loading (ACPI 6.5 §6.5.1), in
   * ACPICA's order: \_SB._INI first, then _REG for every space with a handler
   * (reg.ts), then _INI depth first, for each Device, Processor and ThermalZone
   * whose _STA says present (no _STA: present); the children of a device that is
   * not present are visited only if _STA says functioning. Failures are collected
   * and returned; the walk goes on. Later calls only repeat the _STA/_INI walk.
   */
  runInitializers(): InitFailure[] {
    return finishSteps(this.runInitializersInSteps());
  }

  /** runInitializers() in steps of at most INIT_STEP_DEVICES devices (each a _STA and an _INI at most). */
  *runInitializersInSteps(): Generator<void, InitFailure[]> {
    this.assertIdle('runInitializers()');
    const failures: InitFailure[] = [];
    const sb = this.rt.ns.root.children.get('_SB_');
    const sbIni = sb?.children.get('_INI');
    const first = !this.rt.initialized;
    if (first) {
      this.rt.initialized = true;
      if (sbIni) {
        try {
          this.run(() => callNode(this.rt, sbIni, []));
        } catch (e) {
          failures.push({ path: sbIni.path, error: asAmlError(e) });
        }
      }
      failures.push(...runRegMethods(this.rt, this.rt.ns.root));
    }
    // Depth first over an explicit stack (children pushed last first): one
    // generator for the walk, not one per node.
    const stack: NamespaceNode[] = [this.rt.ns.root];
    let left = INIT_STEP_DEVICES;
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.obj.kind === 'device' || node.obj.kind === 'processor' || node.obj.kind === 'thermal-zone') {
        if (left-- <= 0) {
          left = INIT_STEP_DEVICES - 1;
          yield;
        }
        if (!this.initializeDevice(node, first ? sbIni : undefined, failures)) continue;
      }
      const kids = [...node.children.values()];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
    return failures;
  }

  /**
   * _STA, then _INI if present (`skipIni`: \_SB._INI, already run); failures are
   * added to `failures`. Returns whether the walk goes on into the device's children.
   */
  private initializeDevice(node: NamespaceNode, skipIni: NamespaceNode | undefined, failures: InitFailure[]): boolean {
    let sta = 0x0fn;
    const staNode = node.children.get('_STA');
    try {
      if (staNode) {
        const v = this.run(() => callNode(this.rt, staNode, []));
        sta = v?.kind === 'integer' ? v.value : 0x0fn;
      }
    } catch (e) {
      failures.push({ path: staNode?.path ?? node.path, error: asAmlError(e) });
      return false;
    }
    if (!(sta & 1n)) return (sta & 8n) !== 0n;
    const ini = node.children.get('_INI');
    if (ini && ini !== skipIni) {
      try {
        this.run(() => callNode(this.rt, ini, []));
      } catch (e) {
        failures.push({ path: ini.path, error: asAmlError(e) });
      }
    }
    return true;
  }

  /** True if `path` names an object (an invalid path is simply absent). */
  exists(path: string): boolean {
    return this.node(path) !== undefined;
  }

  /**
   * Every named object, in namespace order (parents before children), with its
   * kind; a Processor() object also gives its ProcessorID. What an OSPM walks to
   * find devices by _HID, processors, GPE methods.
   */
  objects(): { path: string; kind: string; processorId?: number }[] {
    const out: { path: string; kind: string; processorId?: number }[] = [];
    this.rt.ns.forEach((node) => {
      if (!node.parent) return;
      out.push(node.obj.kind === 'processor' ? { path: node.path, kind: node.obj.kind, processorId: node.obj.id } : { path: node.path, kind: node.obj.kind });
    });
    return out;
  }

  /** The namespace as text, one object per line, indented by depth. */
  tree(): string {
    return listNamespace(this.rt.ns);
  }

  /** 64, or 32 after loading a DSDT of revision 0 or 1. */
  get integerWidth(): 32 | 64 {
    return this.rt.width;
  }

  /** Virtual time in 100 ns units (what Timer returns): Sleep and Stall advance it, nothing waits. */
  get virtualTime(): bigint {
    return this.rt.clock;
  }

  /** Problems that did not stop a table from loading (a name declared twice...). */
  get warnings(): readonly string[] {
    return this.rt.warnings;
  }

  /**
   * Paths the host evaluated, resolved: hosts evaluate the same paths over and over
   * (an OSPM: _STA, _MAT, _OST, _EJ0, _LCK and _UID of each of up to 4096 processors).
   * At most PATH_CACHE_MAX entries (a few MB).
   */
  private readonly paths = new Map<string, NamespaceNode>();
  private pathsGeneration = -1;

  private node(path: string): NamespaceNode | undefined {
    if (this.pathsGeneration !== this.rt.generation) {
      this.paths.clear();
      this.pathsGeneration = this.rt.generation;
    }
    const hit = this.paths.get(path);
    if (hit && !hit.detached) return hit;
    let node: NamespaceNode | undefined;
    try {
      node = this.rt.ns.lookup(this.rt.ns.root, parsePath(path));
    } catch {
      return undefined;
    }
    if (node && this.paths.size < PATH_CACHE_MAX) this.paths.set(path, node);
    return node;
  }

  private run(fn: () => AmlValue | undefined): AmlValue | undefined {
    this.rt.begin();
    try {
      const v = fn();
      return v === undefined ? undefined : copyValue(v);
    } catch (e) {
      throw asAmlError(e);
    } finally {
      this.rt.end();
    }
  }

  /** PCI_Config regions: _ADR of the region's device, _SEG/_BBN of its host bridge (ACPICA evrgnini.c). */
  private pciFunctionOf(region: RegionObject) {
    const num = (n: NamespaceNode | undefined, name: string): bigint | undefined => {
      const c = n?.children.get(name);
      if (!c) return undefined;
      try {
        const v = readNode(this.rt, resolveAlias(c));
        return v.kind === 'integer' ? v.value : undefined;
      } catch {
        return undefined;
      }
    };
    const dev = region.node.parent;
    const adr = num(dev, '_ADR') ?? 0n;
    let bridge = dev;
    while (bridge && bridge.parent && !bridge.children.has('_BBN') && !isHostBridge(bridge)) bridge = bridge.parent;
    return {
      segment: Number(num(bridge, '_SEG') ?? 0n),
      bus: Number(num(bridge, '_BBN') ?? 0n),
      device: Number((adr >> 16n) & 0xffffn),
      function: Number(adr & 0xffffn),
    };
  }
}

const PATH_CACHE_MAX = 32_768;

/** Devices runInitializersInSteps() looks at per step. */
export const INIT_STEP_DEVICES = 32;

function isHostBridge(n: NamespaceNode): boolean {
  const hid = n.children.get('_HID')?.obj;
  // EisaId("PNP0A03") = 0x030AD041, EisaId("PNP0A08") = 0x080AD041
  return hid?.kind === 'integer' && (hid.value === 0x030ad041n || hid.value === 0x080ad041n);
}
