// Small helpers shared by the opcode families.
import { operandTerm, type OpTerm } from '../../decode/index.ts';
import type { Compiler, Eval } from '../compile.ts';
import { toInteger } from '../convert.ts';
import { AmlError } from '../errors.ts';
import type { AmlValue } from '../types.ts';


/** An Integer operand: the fast path for Integers, implicit conversion for the rest. */
export function iv(v: AmlValue, w: number): bigint {
  return v.kind === 'integer' ? v.value : toInteger(v, w);
}

/** Adds the store to operand `i` (a Target) when it is not NullName. */
export function withTarget(c: Compiler, o: OpTerm, i: number, e: Eval): Eval {
  const t = c.target(operandTerm(o, i));
  if (!t) return e;
  return (f) => {
    const r = e(f);
    t(f, r);
    return r;
  };
}

/** The largest Buffer, String or Package AML may build: bounds the host memory hostile AML can take. */
export const MAX_OBJECT_SIZE = 1 << 24;

/** The most elements a Package may have (VarPackage takes its count at run time). */
export const MAX_PACKAGE_ELEMENTS = 1 << 20;

export function checkSize(n: number | bigint, what: string, max = MAX_OBJECT_SIZE): number {
  if (n > max) throw new AmlError('bad-argument', `${what} of ${n} is larger than the ${max} limit`);
  return Number(n);
}

export const expr = (c: Compiler, o: OpTerm, i: number): Eval => c.expr(operandTerm(o, i));
