// Control flow (ACPI 6.5 §19.6: If/Else, While, Break, Continue, Return, Noop,
// BreakPoint, Fatal) and the bounded While: every loop counts its iterations
// against limits.loopIterations and ticks the evaluation's time limit, so no AML
// can hang the host.
import { elseTerms, operandNum, operandTerm, operandTerms, type OpName, type OpTerm } from '../../decode/index.ts';
import type { Compiler, Exec } from '../compile.ts';
import { AmlError } from '../errors.ts';
import { BREAK, CONTINUE, NEXT, RETURN } from '../runtime.ts';
import { iv } from './util.ts';


type StmtOps = Partial<Record<OpName, (c: Compiler, o: OpTerm) => Exec>>;

export const CONTROL: StmtOps = {
  If: (c, o) => {
    const pred = c.expr(operandTerm(o, 1)), w = c.width;
    const then = c.block(operandTerms(o, 2));
    const other = elseTerms(o);
    if (!other) return (f) => (iv(pred(f), w) !== 0n ? then(f) : NEXT);
    const els = c.block(other);
    return (f) => (iv(pred(f), w) !== 0n ? then(f) : els(f));
  },
  While: (c, o) => {
    const pred = c.expr(operandTerm(o, 1)), w = c.width;
    c.loops++;
    const body = c.block(operandTerms(o, 2));
    c.loops--;
    const limit = c.rt.limits.loopIterations;
    const offset = o.offset;
    return (f) => {
      const rt = f.rt;
      let n = 0;
      for (;;) {
        if (iv(pred(f), w) === 0n) return NEXT;
        if (++n > limit) {
          throw new AmlError('loop-timeout', `While loop ran more than ${limit} iterations`, { offset });
        }
        rt.tick();
        const r = body(f);
        if (r === BREAK) return NEXT;
        if (r === RETURN) return RETURN;
      }
    };
  },
  Break: (c) => (c.loops > 0 ? () => BREAK : outsideLoop('Break')),
  Continue: (c) => (c.loops > 0 ? () => CONTINUE : outsideLoop('Continue')),
  Return: (c, o) => {
    const e = c.expr(operandTerm(o, 0));
    return (f) => {
      f.ret = e(f);
      return RETURN;
    };
  },
  Noop: () => () => NEXT,
  BreakPoint: () => () => NEXT,
  Fatal: (c, o) => {
    const type = operandNum(o, 0), code = operandNum(o, 1), arg = c.expr(operandTerm(o, 2)), w = c.width;
    // Reported to the host, then execution goes on, as under Linux and ACPICA
    // (acpi_os_signal returns). A host that stops here (Windows bugchecks) throws
    // from its handler, and the evaluation ends with AmlError('fatal').
    return (f) => {
      const a = iv(arg(f), w);
      for (const h of f.rt.fatalHandlers) {
        try {
          h(type, code, a);
        } catch (e) {
          throw new AmlError('fatal',
            `AML Fatal: type 0x${type.toString(16)} code 0x${code.toString(16)} arg 0x${a.toString(16)}, and the host stopped (${e instanceof Error ? e.message : String(e)})`);
        }
      }
      return NEXT;
    };
  },
};

function outsideLoop(what: string): Exec {
  return () => {
    throw new AmlError('invalid-opcode', `${what} outside a While loop`);
  };
}
