// A run of `If (LEqual (ArgN, K)) { ... }` statements with no Else, as QEMU's CTFY
// and CEJ0-style dispatchers are written (one If per CPU: 4096 of them at q35's
// limit, so a Notify walked thousands of predicates). Compiled into one statement
// that looks the slot's value up in a table and runs the bodies whose constant
// equals it, in order: the same effects as testing every predicate, since reading
// an Integer Arg or Local has none, and after each body the slot is read again and
// only the Ifs after that body are looked for (a body may change the slot).
// Anything else the slot may hold (a reference, a string, nothing) runs the
// predicates one by one, exactly as written. A loader's decoder leaves each body
// undecoded (src/aml/decode/if-chain-run.ts) until its value first comes.
import { IF_CHAIN_MIN, loneNotifyOf, operandList, operandTerm, elseTerms, listTerms, type LoneNotify, type OpTerm, type Term } from '../decode/index.ts';
import type { Compiler, Eval, Exec } from './compile.ts';
import { missingName, peekNode, slotReader } from './operands.ts';
import type { NamespaceNode } from './namespace.ts';
import { notify } from './ops/sync.ts';
import { type Frame, NEXT } from './runtime.ts';

/** A body run by the dispatch itself: the Notify, the node its name was bound to, and its value's reader. */
interface NotifyBody {
  readonly n: LoneNotify;
  readonly node: NamespaceNode;
  readonly value: Eval;
}

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
  return { slot: a.t === 'arg' ? 'args' : 'locals', index: a.index, key: BigInt.asUintN(width, k.value), term: t };
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
      // A body left undecoded is decoded now and not kept: its compiled form replaces it.
      b = compiled[i] = c.block(listTerms(operandList(run[i]!.term, 2), false));
    } finally {
      c.loops = saved;
    }
    return b;
  };
  // The predicates (LEqual of the slot and a constant: no name to bind) are
  // compiled only if a value other than an Integer ever needs them.
  let preds: Eval[] | undefined;
  // Each constant's first If, and only for a constant that repeats, all of its Ifs
  // in order (CTFY's are all distinct: one Map entry per CPU, no arrays).
  const offsets = new Array<number>(run.length);
  const first = new Map<number | bigint, number>();
  let repeats: Map<number | bigint, number[]> | undefined;
  for (let i = 0; i < run.length; i++) {
    offsets[i] = run[i]!.term.offset;
    const key = keyOf(run[i]!.key);
    const at = first.get(key);
    if (at === undefined) {
      first.set(key, i);
      continue;
    }
    repeats ??= new Map();
    const hits = repeats.get(key);
    if (hits) hits.push(i);
    else repeats.set(key, [at, i]);
  }
  /** The first body at or after `from` whose constant is `v`'s, or -1: a binary search, as a value may repeat thousands of times. */
  const nextHit = (v: bigint, from: number): number => {
    const key = keyOf(v);
    const at = first.get(key);
    if (at === undefined || at >= from) return at ?? -1;
    const hits = repeats?.get(key);
    if (!hits) return -1;
    let lo = 0, hi = hits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (hits[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < hits.length ? hits[lo]! : -1;
  };
  // A body that is one Notify of a name by an Arg or Local (each of CTFY's), its
  // name bound when its value first comes, runs here instead of being compiled:
  // in a scan of thousands of pending CPUs each body runs once, and decoding
  // and compiling each was about half the scan's cost when every body was
  // compiled. The same steps as the compiled form.
  const notifies: (NotifyBody | null | undefined)[] = new Array<NotifyBody | null | undefined>(run.length);
  const notifyBody = (i: number): NotifyBody | null => {
    let b = notifies[i];
    if (b === undefined) {
      const list = operandList(run[i]!.term, 2);
      const n = list.k === 'body' ? loneNotifyOf(list) : undefined;
      const node = n && c.bound(n.name);
      b = notifies[i] = n && node ? { n, node, value: slotReader(n.slot, n.index) } : null;
    }
    return b;
  };
  const w = c.width;
  const runNotify = (f: Frame, { n, node, value }: NotifyBody): void => {
    f.rt.tick(1);
    f.offset = n.at;
    if (node.detached) throw missingName(f, n.name);
    notify(f, peekNode(node), value, w);
  };
  return (f) => {
    for (let from = 0; from < run.length; ) {
      const v = f[slot][index];
      if (v?.kind !== 'integer') {
        // As written: the predicates in turn (one throws for an uninitialized slot).
        preds ??= run.map((r) => c.expr(operandTerm(r.term, 1)));
        f.offset = offsets[from]!;
        const p = preds[from]!(f);
        const at = from++;
        if (p.kind === 'integer' && p.value !== 0n) {
          const r = body(at)(f);
          if (r !== NEXT) return r;
        }
        continue;
      }
      const i = nextHit(v.value, from);
      if (i < 0) return NEXT;
      f.offset = offsets[i]!;
      from = i + 1;
      const n = notifyBody(i);
      if (n) {
        runNotify(f, n);
        continue;
      }
      const r = body(i)(f);
      if (r !== NEXT) return r;
    }
    return NEXT;
  };
}
