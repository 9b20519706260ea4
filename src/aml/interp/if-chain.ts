// A run of `If (LEqual (ArgN, K)) { ... }` statements with no Else, as QEMU's CTFY
// and CEJ0-style dispatchers are written (one If per CPU: 4096 of them at q35's
// limit, so a Notify walked thousands of predicates). Compiled into one statement
// that looks the argument's value up in a table and runs the bodies whose constant
// equals it, in order: the same effects as testing every predicate, since reading an
// Integer Arg or Local has none and no body of the run names that slot (so none can
// change it). Anything else the slot may hold (a reference, a string, nothing) runs
// the predicates one by one, exactly as written.
import { deferredTerms, operandTerm, operandTerms, elseTerms, type Operand, type OpTerm, type Term } from '../decode/index.ts';
import type { Compiler, Eval, Exec } from './compile.ts';
import { NEXT } from './runtime.ts';

/** Shorter runs gain nothing over testing each predicate. */
export const IF_CHAIN_MIN = 8;

interface ChainIf {
  readonly slot: 'args' | 'locals';
  readonly index: number;
  readonly key: bigint;
  readonly term: OpTerm;
}

/** The parts of `If (LEqual (ArgN|LocalN, K))` without Else, or undefined. */
function chainIf(t: Term, width: 32 | 64): ChainIf | undefined {
  if (t.t !== 'op' || t.op !== 'If' || elseTerms(t)) return undefined;
  const p = operandTerm(t, 1);
  if (p.t !== 'op' || p.op !== 'LEqual') return undefined;
  const a = operandTerm(p, 0), k = operandTerm(p, 1);
  if ((a.t !== 'arg' && a.t !== 'local') || k.t !== 'int') return undefined;
  const slot = a.t === 'arg' ? 'args' : 'locals';
  if (mentions(operandTerms(t, 2), a.t, a.index)) return undefined;
  return { slot, index: a.index, key: BigInt.asUintN(width, k.value), term: t };
}

/** Whether any term below `terms` names ArgN / LocalN (read, written or referenced). */
function mentions(terms: readonly Term[], kind: 'arg' | 'local', index: number): boolean {
  const term = (t: Term): boolean => {
    if (t.t === kind) return t.index === index;
    if (t.t === 'call') return t.args.some(term);
    // A Method declared inside has ArgN/LocalN of its own: its body is not looked at.
    if (t.t === 'op') return t.op !== 'Method' && t.args.some(operand);
    return false;
  };
  const operand = (o: Operand): boolean =>
    o.k === 'term' ? term(o.term) : o.k === 'terms' ? o.terms.some(term) : o.k === 'body' ? deferredTerms(o).some(term) : false;
  return terms.some(term);
}

/**
 * The statements of a block, with each run of at least IF_CHAIN_MIN chain Ifs on
 * the same slot compiled into one dispatch: `length` says how many terms it covers.
 */
export function compileStatements(c: Compiler, terms: readonly Term[]): { exec: Exec; offset: number; length: number }[] {
  const out: { exec: Exec; offset: number; length: number }[] = [];
  for (let i = 0; i < terms.length; ) {
    const first = chainIf(terms[i]!, c.width);
    let end = i + 1;
    const run = first ? [first] : [];
    if (first) {
      while (end < terms.length) {
        const next = chainIf(terms[end]!, c.width);
        if (!next || next.slot !== first.slot || next.index !== first.index) break;
        run.push(next);
        end++;
      }
    }
    if (first && end - i >= IF_CHAIN_MIN) {
      out.push({ exec: dispatch(c, run), offset: terms[i]!.offset, length: end - i });
    } else {
      out.push({ exec: c.stmt(terms[i]!), offset: terms[i]!.offset, length: 1 });
      end = i + 1;
    }
    i = end;
  }
  return out;
}

/** A table key: a Number where the value fits one exactly (Maps hash those far faster than BigInts). */
const keyOf = (v: bigint): number | bigint => (v <= MAX_EXACT ? Number(v) : v);
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

function dispatch(c: Compiler, run: readonly ChainIf[]): Exec {
  const { slot, index } = run[0]!;
  // Each body is compiled when its value first comes (a hot-add notifies one CPU
  // of thousands), in the loop context of the chain; its names bind as they
  // would have at the method's first call, since only names that cannot change
  // are bound when compiled (Compiler.node).
  const loops = c.loops;
  const compiled: (Exec | undefined)[] = new Array<Exec | undefined>(run.length);
  const body = (i: number): Exec => {
    let b = compiled[i];
    if (b) return b;
    const saved = c.loops;
    c.loops = loops;
    try {
      b = compiled[i] = c.block(operandTerms(run[i]!.term, 2));
    } finally {
      c.loops = saved;
    }
    return b;
  };
  // The predicates (LEqual of the slot and a constant: no name to bind) are
  // compiled only if a value other than an Integer ever needs them.
  let preds: Eval[] | undefined;
  const offsets = run.map((r) => r.term.offset);
  const table = new Map<number | bigint, number[]>();
  run.forEach((r, i) => {
    const key = keyOf(r.key);
    const hits = table.get(key);
    if (hits) hits.push(i);
    else table.set(key, [i]);
  });
  return (f) => {
    const v = f[slot][index];
    if (v?.kind !== 'integer') {
      // As written: each predicate in turn (it throws for an uninitialized slot).
      preds ??= run.map((r) => c.expr(operandTerm(r.term, 1)));
      for (let i = 0; i < preds.length; i++) {
        f.offset = offsets[i]!;
        const p = preds[i]!(f);
        if (p.kind === 'integer' && p.value !== 0n) {
          const r = body(i)(f);
          if (r !== NEXT) return r;
        }
      }
      return NEXT;
    }
    const hits = table.get(keyOf(v.value));
    if (hits) {
      for (const i of hits) {
        f.offset = offsets[i]!;
        const r = body(i)(f);
        if (r !== NEXT) return r;
      }
    }
    return NEXT;
  };
}
