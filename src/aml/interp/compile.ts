// Compiles decoded terms into closures, once per method (and per statement of
// module-level code): names are resolved to namespace nodes at compile time where
// they cannot change, operands to specialised readers, so running a method never
// re-parses bytes or re-walks paths. Opcode families live in ops/*.ts.
import { type NameString, type Operand, type OpTerm, type Term, isSearchable, listTerms, operandTerm } from '../decode/index.ts';
import { EXPRESSIONS } from './ops/expressions.ts';
import { compileStatements } from './if-chain.ts';
import { STATEMENTS } from './ops/statements.ts';
import { AmlError, typeMismatch } from './errors.ts';
import { resolveAlias, type NamespaceNode } from './namespace.ts';
import { deliverDebug } from './notify.ts';
import { followRef, missingName, peekNode, slotReader, throwMissing } from './operands.ts';
import { type Flow, Frame, lookupPath, NEXT, RETURN } from './runtime.ts';
import type { Runtime } from './runtime.ts';
import { derefValue, readNode, storeToNode, storeToRef } from './store.ts';
import {
  type AmlPackage, type AmlReference, type AmlValue, type NodeObject, copyValue, int, nodeRef,
} from './types.ts';


export type Eval = (f: Frame) => AmlValue;
export type Exec = (f: Frame) => Flow;
export type Store = (f: Frame, v: AmlValue) => void;
export type NodeGetter = (f: Frame) => NamespaceNode;

/** A SuperName: somewhere a value can be read from, stored to, or referred to. */
export interface Place {
  readonly get: Eval;
  readonly set: Store;
  readonly ref: (f: Frame) => AmlReference;
  /** The object behind the place, references followed, without reading a field or running a method. */
  readonly peek: (f: Frame) => { readonly node?: NamespaceNode; readonly obj: NodeObject };
}

/** A name inside a module-level Package, resolved after the whole table is loaded (forward references). */
export interface PendingName {
  readonly pkg: AmlPackage;
  readonly index: number;
  readonly scope: NamespaceNode;
  readonly name: NameString;
}

/** Module-level code declares no per-call names. */
export const NO_NAMES: ReadonlySet<string> = new Set();

const throwing = (e: () => AmlError): Eval => () => {
  throw e();
};

/** A block of one compiled statement, standing for `charge` statements. */
function single(only: Exec, offset: number, charge: number): Exec {
  return (f) => {
    f.rt.tick(charge);
    f.offset = offset;
    return only(f);
  };
}

/**
 * Runs a TermList in `scope` (a table's top level, or a Scope/Device body): each
 * term is compiled just before it runs, so names it uses bind to the objects the
 * terms before it created.
 */
export function runTermList(parent: Frame, scope: NamespaceNode, terms: readonly Term[]): void {
  const f = new Frame(parent.rt, scope, parent.args, parent.method, (n) => parent.track(n), parent.pending);
  // One compiler for the list: it keeps no state between statements, and the
  // integer width cannot change inside one list (only a DSDT's header sets it).
  const c = new Compiler(parent.rt, scope, NO_NAMES, parent.pending);
  for (const t of terms) {
    f.offset = t.offset;
    const r = c.stmt(t)(f);
    if (r === RETURN) return; // Return at module level ends that code block
  }
}

export class Compiler {
  readonly width: 32 | 64;
  readonly ones: bigint;
  /** While loops around the code being compiled (Break and Continue need one). */
  loops = 0;
  /**
   * Set by the stepped loader around one Scope-like statement: the body is handed
   * to it (to run in steps) instead of run here. Nothing follows a body in such a
   * statement, so running it just after is the same.
   */
  bodySink: ((scope: NamespaceNode, list: Operand) => void) | undefined;

  constructor(
    readonly rt: Runtime,
    /** The scope the code runs in: the method node, or the scope being loaded. */
    readonly scope: NamespaceNode,
    /** Single-segment names the method declares: looked up per call, since each call makes its own. */
    readonly methodNames: ReadonlySet<string>,
    /** Set while loading a table: where package name elements wait for resolution. */
    readonly pending?: PendingName[],
  ) {
    this.width = rt.width;
    this.ones = (1n << BigInt(rt.width)) - 1n;
  }

  /** Runs a Scope or Device body (`list`, its TermList operand) in `scope`, as a table's TermList runs (runTermList). */
  runTermList(parent: Frame, scope: NamespaceNode, list: Operand): void {
    if (this.bodySink) this.bodySink(scope, list);
    else runTermList(parent, scope, listTerms(list));
  }

  block(terms: readonly Term[]): Exec {
    // One statement (each If body of QEMU's CTFY): no run of Ifs to look for (a
    // chain needs IF_CHAIN_MIN), no arrays to walk.
    if (terms.length === 1) return single(this.stmt(terms[0]!), terms[0]!.offset, 1);
    // A run of one-If-per-value dispatch is one statement here (if-chain.ts), but
    // still charged as the statements it stands for.
    const compiled = compileStatements(this, terms);
    const charge = terms.length;
    const n = compiled.length;
    if (n === 0) return () => NEXT;
    if (n === 1) return single(compiled[0]!.exec, compiled[0]!.offset, charge);
    const stmts = compiled.map((s) => s.exec);
    const offsets = compiled.map((s) => s.offset);
    return (f) => {
      // One operation per statement, charged on entry (limits.ts).
      f.rt.tick(charge);
      for (let i = 0; i < n; i++) {
        f.offset = offsets[i]!;
        const r = stmts[i]!(f);
        if (r !== NEXT) return r;
      }
      return NEXT;
    };
  }

  stmt(t: Term): Exec {
    switch (t.t) {
      case 'op': {
        const s = STATEMENTS[t.op];
        if (s) return s(this, t);
        const e = this.opExpr(t);
        return (f) => {
          e(f);
          return NEXT;
        };
      }
      case 'call': {
        // A call whose value nobody uses may return nothing.
        const get = this.node(t.name);
        const args = t.args.map((a) => this.expr(a));
        return (f) => {
          const vals = args.map((a) => a(f));
          f.rt.calls.call(f.rt, get(f), vals);
          return NEXT;
        };
      }
      case 'name': {
        // A bare name runs the method it names; naming anything else does nothing.
        const get = this.optionalNode(t.name);
        return (f) => {
          const n = get(f);
          if (n && resolveAlias(n).obj.kind === 'method') f.rt.calls.call(f.rt, n, []);
          return NEXT;
        };
      }
      case 'int': case 'ones': case 'string': case 'local': case 'arg': case 'debug': case 'null':
        return () => NEXT;
    }
  }

  expr(t: Term): Eval {
    switch (t.t) {
      case 'int': {
        const v = int(BigInt.asUintN(this.width, t.value));
        return () => v;
      }
      case 'ones': {
        const v = int(this.ones);
        return () => v;
      }
      case 'string': {
        const s = t.value;
        return () => ({ kind: 'string', value: s });
      }
      case 'local': return slotReader('locals', t.index);
      case 'arg': return slotReader('args', t.index);
      case 'name': {
        const get = this.node(t.name);
        return (f) => readNode(f.rt, get(f));
      }
      case 'call': {
        const get = this.node(t.name);
        const args = t.args.map((a) => this.expr(a));
        return (f) => {
          const vals = args.map((a) => a(f));
          const r = f.rt.calls.call(f.rt, get(f), vals);
          if (r === undefined) throw new AmlError('uninitialized', `method ${get(f).path} returned no value`);
          return r;
        };
      }
      case 'debug': return throwing(() => typeMismatch('Debug cannot be read'));
      case 'null': return throwing(() => typeMismatch('NullName cannot be read'));
      case 'op': return this.opExpr(t);
    }
  }

  private opExpr(t: OpTerm): Eval {
    const e = EXPRESSIONS[t.op];
    if (e) return e(this, t);
    return throwing(() => new AmlError('invalid-opcode', `${t.op} is not an expression`));
  }

  /** A resolver for `name`: bound now if the node exists and cannot be shadowed, else looked up per run. */
  node(name: NameString): NodeGetter {
    const n = this.bound(name);
    if (n) {
      return (f) => {
        if (n.detached) throw missingName(f, name);
        return n;
      };
    }
    return (f) => f.rt.ns.lookup(f.scope, name) ?? throwMissing(f, name);
  }

  optionalNode(name: NameString): (f: Frame) => NamespaceNode | undefined {
    const n = this.bound(name);
    if (n) return () => (n.detached ? undefined : n);
    return (f) => f.rt.ns.lookup(f.scope, name);
  }

  /** The node `name` leads to now, if it exists and no name the method declares can shadow it (then it cannot change but by Unload). */
  bound(name: NameString): NamespaceNode | undefined {
    if (isSearchable(name) && this.methodNames.has(name.segs[0]!)) return undefined;
    return this.rt.ns.lookup(this.scope, name);
  }

  /** A Target: undefined for NullName (the result is discarded). */
  target(t: Term): Store | undefined {
    if (t.t === 'null') return undefined;
    return this.place(t).set;
  }

  /** place(t).peek, without the rest of the Place (Notify, ObjectType, SizeOf, Acquire... only look). */
  peek(t: Term): Place['peek'] {
    if (t.t !== 'name') return this.place(t).peek;
    const get = this.node(t.name);
    return (f) => peekNode(get(f));
  }

  place(t: Term): Place {
    switch (t.t) {
      case 'local': return slotPlace('locals', t.index);
      case 'arg': return slotPlace('args', t.index);
      case 'name': {
        const get = this.node(t.name);
        return {
          get: (f) => readNode(f.rt, get(f)),
          set: (f, v) => storeToNode(f.rt, get(f), v),
          ref: (f) => nodeRef(resolveAlias(get(f))),
          peek: (f) => peekNode(get(f)),
        };
      }
      case 'debug':
        return {
          get: throwing(() => typeMismatch('Debug cannot be read')),
          set: (f, v) => deliverDebug(f.rt, v),
          ref: () => {
            throw typeMismatch('RefOf(Debug) is not supported');
          },
          peek: () => ({ obj: { kind: 'uninitialized' } }),
        };
      default: {
        // DerefOf(x) names what x refers to; Index, RefOf or any other expression
        // is itself the reference (or, for SizeOf/ObjectType, simply a value).
        const inner = t.t === 'op' && t.op === 'DerefOf' ? operandTerm(t, 0) : t;
        const e = this.expr(inner);
        const refOf = (f: Frame): AmlReference => {
          const v = e(f);
          if (v.kind === 'reference') return v;
          if (v.kind === 'string' && inner !== t) return nodeRef(lookupPath(f, v.value));
          throw typeMismatch(`a ${v.kind} is not a reference to store into`);
        };
        return {
          get: (f) => derefValue(f.rt, refOf(f)),
          set: (f, v) => storeToRef(f.rt, refOf(f), v),
          ref: refOf,
          peek: (f) => {
            const v = e(f);
            if (v.kind === 'reference') return followRef(v);
            if (v.kind === 'string' && inner !== t) return followRef(nodeRef(lookupPath(f, v.value)));
            return { obj: v };
          },
        };
      }
    }
  }
}

function slotPlace(which: 'locals' | 'args', i: number): Place {
  const label = `${which === 'locals' ? 'Local' : 'Arg'}${i}`;
  return {
    get: (f) => {
      const v = f[which][i]!;
      if (v.kind === 'uninitialized') throw new AmlError('uninitialized', `${label} is uninitialized`);
      return v;
    },
    set: which === 'locals'
      ? (f, v) => {
        f.locals[i] = v.kind === 'integer' ? v : copyValue(v);
      }
      : (f, v) => {
        // An Arg holding RefOf() is stored through (ACPICA dsmthdat.c); anything else is overwritten.
        const cur = f.args[i]!;
        if (cur.kind === 'reference' && (cur.to === 'node' || cur.to === 'slot')) storeToRef(f.rt, cur, v);
        else f.args[i] = copyValue(v);
      },
    ref: (f) => ({ kind: 'reference', to: 'slot', slots: f[which], index: i, label }),
    peek: (f) => {
      const v = f[which][i]!;
      return v.kind === 'reference' ? followRef(v) : { obj: v };
    },
  };
}

export type { Runtime };
