// Integer arithmetic and bit operators (ACPI 6.5 §19.6: Add, Subtract, Multiply,
// Divide, Mod, ShiftLeft/Right, And/Or/XOr/NAnd/NOr/Not, FindSetLeft/RightBit,
// Increment/Decrement, FromBCD/ToBCD). Results wrap at the integer width (32 bits
// for a DSDT of revision < 2). Each operator is its own closure literal, so V8
// keeps separate type feedback per operator in the hot loops.
import { operandTerm, type OpName, type OpTerm } from '../../decode/index.ts';
import type { Compiler, Eval } from '../compile.ts';
import { AmlError } from '../errors.ts';
import { int } from '../types.ts';
import { expr, iv, withTarget } from './util.ts';


type ExprOps = Partial<Record<OpName, (c: Compiler, o: OpTerm) => Eval>>;

const asU = BigInt.asUintN;

function binary(c: Compiler, o: OpTerm): [Eval, Eval, 32 | 64] {
  return [expr(c, o, 0), expr(c, o, 1), c.width];
}

function divByZero(): never {
  throw new AmlError('divide-by-zero', 'divide by zero');
}

export const ARITH: ExprOps = {
  Add: (c, o) => {
    const [a, b, w] = binary(c, o);
    return withTarget(c, o, 2, (f) => int(asU(w, iv(a(f), w) + iv(b(f), w))));
  },
  Subtract: (c, o) => {
    const [a, b, w] = binary(c, o);
    return withTarget(c, o, 2, (f) => int(asU(w, iv(a(f), w) - iv(b(f), w))));
  },
  Multiply: (c, o) => {
    const [a, b, w] = binary(c, o);
    return withTarget(c, o, 2, (f) => int(asU(w, iv(a(f), w) * iv(b(f), w))));
  },
  And: (c, o) => {
    const [a, b, w] = binary(c, o);
    return withTarget(c, o, 2, (f) => int(iv(a(f), w) & iv(b(f), w)));
  },
  Or: (c, o) => {
    const [a, b, w] = binary(c, o);
    return withTarget(c, o, 2, (f) => int(iv(a(f), w) | iv(b(f), w)));
  },
  XOr: (c, o) => {
    const [a, b, w] = binary(c, o);
    return withTarget(c, o, 2, (f) => int(iv(a(f), w) ^ iv(b(f), w)));
  },
  NAnd: (c, o) => {
    const [a, b, w] = binary(c, o);
    return withTarget(c, o, 2, (f) => int(asU(w, ~(iv(a(f), w) & iv(b(f), w)))));
  },
  NOr: (c, o) => {
    const [a, b, w] = binary(c, o);
    return withTarget(c, o, 2, (f) => int(asU(w, ~(iv(a(f), w) | iv(b(f), w)))));
  },
  // A shift by the integer width or more gives 0 (ACPICA exoparg2.c).
  ShiftLeft: (c, o) => {
    const [a, b, w] = binary(c, o);
    return withTarget(c, o, 2, (f) => {
      const x = iv(a(f), w), n = iv(b(f), w);
      return int(n >= BigInt(w) ? 0n : asU(w, x << n));
    });
  },
  ShiftRight: (c, o) => {
    const [a, b, w] = binary(c, o);
    return withTarget(c, o, 2, (f) => {
      const x = iv(a(f), w), n = iv(b(f), w);
      return int(n >= BigInt(w) ? 0n : x >> n);
    });
  },
  Mod: (c, o) => {
    const [a, b, w] = binary(c, o);
    return withTarget(c, o, 2, (f) => {
      const x = iv(a(f), w), y = iv(b(f), w);
      return int(y === 0n ? divByZero() : x % y);
    });
  },
  // DefDivide := DivideOp Dividend Divisor Remainder Quotient; the value is the quotient.
  Divide: (c, o) => {
    const [a, b, w] = binary(c, o);
    const rem = c.target(operandTerm(o, 2));
    const quot = c.target(operandTerm(o, 3));
    return (f) => {
      const x = iv(a(f), w), y = iv(b(f), w);
      if (y === 0n) divByZero();
      const q = int(x / y);
      if (rem) rem(f, int(x % y));
      if (quot) quot(f, q);
      return q;
    };
  },
  Not: (c, o) => {
    const a = expr(c, o, 0), w = c.width;
    return withTarget(c, o, 1, (f) => int(asU(w, ~iv(a(f), w))));
  },
  // 1-based index of the highest (lowest) set bit, 0 if none.
  FindSetLeftBit: (c, o) => {
    const a = expr(c, o, 0), w = c.width;
    return withTarget(c, o, 1, (f) => {
      const x = iv(a(f), w);
      return int(x === 0n ? 0n : BigInt(x.toString(2).length));
    });
  },
  FindSetRightBit: (c, o) => {
    const a = expr(c, o, 0), w = c.width;
    return withTarget(c, o, 1, (f) => {
      let x = iv(a(f), w);
      if (x === 0n) return int(0n);
      let n = 1n;
      while ((x & 1n) === 0n) {
        x >>= 1n;
        n++;
      }
      return int(n);
    });
  },
  Increment: (c, o) => step(c, o, 1n),
  Decrement: (c, o) => step(c, o, -1n),
  FromBCD: (c, o) => {
    const a = expr(c, o, 0), w = c.width;
    return withTarget(c, o, 1, (f) => {
      let x = iv(a(f), w), v = 0n, m = 1n;
      while (x > 0n) {
        const d = x & 0xfn;
        if (d > 9n) throw new AmlError('bad-argument', 'FromBCD: digit above 9');
        v += d * m;
        m *= 10n;
        x >>= 4n;
      }
      return int(v);
    });
  },
  ToBCD: (c, o) => {
    const a = expr(c, o, 0), w = c.width;
    return withTarget(c, o, 1, (f) => {
      let x = iv(a(f), w), v = 0n, s = 0n;
      while (x > 0n) {
        v |= (x % 10n) << s;
        s += 4n;
        x /= 10n;
      }
      if (s > BigInt(w)) throw new AmlError('bad-argument', 'ToBCD: value too large for the integer width');
      return int(v);
    });
  },
};

/** Increment/Decrement of a SuperName, with a fast path for Locals. */
function step(c: Compiler, o: OpTerm, d: bigint): Eval {
  const t = operandTerm(o, 0);
  const w = c.width;
  if (t.t === 'local') {
    const i = t.index;
    return (f) => {
      const r = int(asU(w, iv(f.locals[i]!, w) + d));
      f.locals[i] = r;
      return r;
    };
  }
  const p = c.place(t);
  return (f) => {
    const r = int(asU(w, iv(p.get(f), w) + d));
    p.set(f, r);
    return r;
  };
}
