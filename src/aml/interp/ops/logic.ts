// Logical operators (ACPI 6.5 §19.6.68-75): results are Ones (true) or Zero. Both
// operands are always evaluated (AML has no short circuit: ACPICA evaluates every
// operand before the operator), which matters when an operand reads a register.
import type { OpName, OpTerm } from '../../decode/index.ts';
import type { Compiler, Eval } from '../compile.ts';
import { compareValues } from '../convert.ts';
import { int, ZERO } from '../types.ts';
import { expr, iv } from './util.ts';


type ExprOps = Partial<Record<OpName, (c: Compiler, o: OpTerm) => Eval>>;

export const LOGIC: ExprOps = {
  LAnd: (c, o) => {
    const a = expr(c, o, 0), b = expr(c, o, 1), w = c.width, T = int(c.ones);
    return (f) => {
      const x = iv(a(f), w);
      const y = iv(b(f), w);
      return x !== 0n && y !== 0n ? T : ZERO;
    };
  },
  LOr: (c, o) => {
    const a = expr(c, o, 0), b = expr(c, o, 1), w = c.width, T = int(c.ones);
    return (f) => {
      const x = iv(a(f), w);
      const y = iv(b(f), w);
      return x !== 0n || y !== 0n ? T : ZERO;
    };
  },
  LNot: (c, o) => {
    const a = expr(c, o, 0), w = c.width, T = int(c.ones);
    return (f) => (iv(a(f), w) === 0n ? T : ZERO);
  },
  // The first operand's type decides how both compare (Integer, String or Buffer).
  LEqual: (c, o) => {
    const a = expr(c, o, 0), b = expr(c, o, 1), w = c.width, T = int(c.ones);
    return (f) => {
      const x = a(f), y = b(f);
      if (x.kind === 'integer' && y.kind === 'integer') return x.value === y.value ? T : ZERO;
      return compareValues(x, y, w) === 0 ? T : ZERO;
    };
  },
  LGreater: (c, o) => {
    const a = expr(c, o, 0), b = expr(c, o, 1), w = c.width, T = int(c.ones);
    return (f) => {
      const x = a(f), y = b(f);
      if (x.kind === 'integer' && y.kind === 'integer') return x.value > y.value ? T : ZERO;
      return compareValues(x, y, w) > 0 ? T : ZERO;
    };
  },
  LLess: (c, o) => {
    const a = expr(c, o, 0), b = expr(c, o, 1), w = c.width, T = int(c.ones);
    return (f) => {
      const x = a(f), y = b(f);
      if (x.kind === 'integer' && y.kind === 'integer') return x.value < y.value ? T : ZERO;
      return compareValues(x, y, w) < 0 ? T : ZERO;
    };
  },
};
