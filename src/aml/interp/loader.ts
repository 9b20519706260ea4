// Loading a definition block (ACPI 6.5 §5.2.11), as ACPICA's loader does it: the
// table runs as it is decoded, one statement at a time, creating objects and
// running module-level code in table order (each scope's body decoded when it is
// entered, each method's when it first runs); then the names used inside its
// packages are resolved (they may refer forward). A failure anywhere, bad bytes
// included, removes every node the table created.
import { NOT_A_METHOD, openDefinitionBlock, SCOPES, statementsOf, type Operand, type Statements, type TableHeader } from '../decode/index.ts';
import type { PendingName } from './compile.ts';
import { AmlError, asAmlError } from './errors.ts';
import { resolveAlias, type NamespaceNode } from './namespace.ts';
import { type LoadedTable, nodeRef, UNINITIALIZED } from './types.ts';
import { packageElementFor } from './ops/data.ts';
import { Compiler, NO_NAMES } from './compile.ts';
import { Frame, RETURN, type Runtime } from './runtime.ts';

/** Statements a load runs per step (a Device's Name or Method is one; a module-level If is one, whatever it holds). */
export const LOAD_STEP_STATEMENTS = 64;

/**
 * Loads a definition block into `scope` (the root for the host's tables; Load and
 * LoadTable may name another). Returns the table with every node it created, so
 * Unload can remove them.
 */
export function loadTable(rt: Runtime, bytes: Uint8Array, scope: NamespaceNode = rt.ns.root): { header: TableHeader; table: LoadedTable } {
  return finishSteps(loadTableSteps(rt, bytes, scope));
}

/** Runs work made of steps to its end, all at once. */
export function finishSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The same load in steps: each next() runs at most LOAD_STEP_STATEMENTS
 * statements, decoding each scope's list as it enters it, so a host can serve
 * others between steps while a table of thousands of devices loads. The table
 * is one evaluation from the first step to the last (one operations budget; the
 * caller runs no other AML meanwhile). A failure in any step removes every node
 * the table created; abandoning the steps leaves the nodes created so far.
 */
export function* loadTableSteps(rt: Runtime, bytes: Uint8Array, scope: NamespaceNode = rt.ns.root): Generator<void, { header: TableHeader; table: LoadedTable }> {
  const { header, statements } = openDefinitionBlock(bytes, (prefix, depth, tail) => {
    const n = rt.ns.at(prefix, depth, tail);
    if (!n) return undefined;
    const o = resolveAlias(n).obj;
    return o.kind === 'method' ? o.argCount : NOT_A_METHOD;
  });
  const width = rt.width;
  // ACPI 6.5 §5.2.11.1: the DSDT's revision sets the integer width for every table.
  if (header.signature === 'DSDT') rt.width = header.revision < 2 ? 32 : 64;
  const created: NamespaceNode[] = [];
  const pending: PendingName[] = [];
  rt.generation++;
  rt.begin();
  try {
    const args = Array.from({ length: 7 }, () => UNINITIALIZED);
    const frame = new Frame(rt, scope, args, undefined, (n) => created.push(n), pending);
    yield* runListSteps(frame, scope, statements, { left: LOAD_STEP_STATEMENTS });
    resolvePending(rt, pending);
  } catch (e) {
    for (let i = created.length - 1; i >= 0; i--) rt.ns.remove(created[i]!);
    rt.width = width;
    rt.generation++;
    throw asAmlError(e);
  } finally {
    rt.end();
  }
  const table: LoadedTable = { signature: header.signature, oemId: header.oemId, oemTableId: header.oemTableId, nodes: created, unloaded: false };
  return { header, table };
}

/**
 * runTermList (compile.ts) in steps, each statement decoded just before it is
 * compiled and run: a Scope-like statement's body is run here, statement by
 * statement, instead of inside the statement, so a step can end between any two.
 */
function* runListSteps(parent: Frame, scope: NamespaceNode, statements: Statements, budget: { left: number }): Generator<void, void> {
  const f = new Frame(parent.rt, scope, parent.args, parent.method, (n) => parent.track(n), parent.pending);
  const c = new Compiler(parent.rt, scope, NO_NAMES, parent.pending);
  for (let t = statements.next(); t; t = statements.next()) {
    if (budget.left-- <= 0) {
      budget.left = LOAD_STEP_STATEMENTS - 1;
      yield;
    }
    f.offset = t.offset;
    if (t.t === 'op' && SCOPES.has(t.op)) {
      let body: { scope: NamespaceNode; list: Operand } | undefined;
      c.bodySink = (s, list) => void (body = { scope: s, list });
      try {
        c.stmt(t)(f);
      } finally {
        c.bodySink = undefined;
      }
      if (body) yield* runListSteps(f, body.scope, statementsOf(body.list), budget);
      continue;
    }
    if (c.stmt(t)(f) === RETURN) return; // Return at module level ends that code block
  }
}

/** Unload (ACPI 6.5 §19.6.143): removes what the table created, last first. */
export function unloadTable(rt: Runtime, table: LoadedTable): void {
  if (table.unloaded) throw new AmlError('bad-argument', `table ${table.signature} ${table.oemTableId.trim()} is already unloaded`);
  for (let i = table.nodes.length - 1; i >= 0; i--) {
    const n = table.nodes[i]!;
    if (!n.detached) rt.ns.remove(n);
  }
  table.unloaded = true;
  for (const t of rt.tables) if (t.loaded === table) t.loaded = undefined;
  rt.generation++;
}

/**
 * Package elements that name objects: data objects become their value, anything
 * else a reference (ACPICA nsinit.c). Fields are referenced, not read, so loading
 * never touches a register; a name that still does not resolve stays unresolved.
 */
function resolvePending(rt: Runtime, pending: readonly PendingName[]): void {
  for (const p of pending) {
    const n = rt.ns.lookup(p.scope, p.name);
    if (!n) continue;
    const r = resolveAlias(n);
    p.pkg.elements[p.index] = r.obj.kind === 'field' || r.obj.kind === 'buffer-field' || r.obj.kind === 'method'
      ? nodeRef(r)
      : packageElementFor(rt, r);
  }
}
