// Synchronization, events, timing and notification (ACPI 6.5 §19.6: Acquire,
// Release, Signal, Wait, Reset, Sleep, Stall, Notify). Sleep and Stall never block:
// they advance the interpreter's virtual clock, which Timer reads.
import { operandTerm, type OpName, type OpTerm } from '../../decode/index.ts';
import type { Compiler, Eval, Exec, Place } from '../compile.ts';
import { AmlError, typeMismatch } from '../errors.ts';
import { acquireMutex, releaseMutex, resetEvent, signalEvent, waitEvent } from '../mutex.ts';
import { deliverNotify } from '../notify.ts';
import { type Frame, NEXT } from '../runtime.ts';
import { int, type EventObject, type MutexObject, typeName, ZERO } from '../types.ts';
import { iv } from './util.ts';


type ExprOps = Partial<Record<OpName, (c: Compiler, o: OpTerm) => Eval>>;
type StmtOps = Partial<Record<OpName, (c: Compiler, o: OpTerm) => Exec>>;

/** ACPICA refuses Stall above 255 us (AE_AML_OPERAND_VALUE); long waits must use Sleep. */
const MAX_STALL_US = 255n;

function mutexOf(peek: Place['peek']): (f: Frame) => MutexObject {
  return (f) => {
    const { obj } = peek(f);
    if (obj.kind !== 'mutex') throw typeMismatch(`Acquire/Release of a ${typeName(obj)}`);
    return obj;
  };
}

function eventOf(peek: Place['peek']): (f: Frame) => EventObject {
  return (f) => {
    const { obj } = peek(f);
    if (obj.kind !== 'event') throw typeMismatch(`Signal/Wait/Reset of a ${typeName(obj)}`);
    return obj;
  };
}

/** Notify once its object is found: only a named object can be notified, and its value is evaluated after that check. */
export function notify(f: Frame, target: ReturnType<Place['peek']>, value: Eval, width: number): void {
  if (!target.node) throw typeMismatch(`Notify of a ${typeName(target.obj)}`);
  deliverNotify(f.rt, target.node, iv(value(f), width));
}

export const SYNC_EXPRESSIONS: ExprOps = {
  // Acquire returns Zero when acquired; it never waits here (one evaluation at a time).
  Acquire: (c, o) => {
    const m = mutexOf(c.peek(operandTerm(o, 0)));
    return (f) => {
      acquireMutex(f.rt, m(f));
      return ZERO;
    };
  },
  Wait: (c, o) => {
    const e = eventOf(c.peek(operandTerm(o, 0))), t = c.expr(operandTerm(o, 1)), w = c.width, T = int(c.ones);
    return (f) => (waitEvent(f.rt, e(f), iv(t(f), w)) ? T : ZERO);
  },
};

export const SYNC_STATEMENTS: StmtOps = {
  Release: (c, o) => {
    const m = mutexOf(c.peek(operandTerm(o, 0)));
    return (f) => {
      releaseMutex(f.rt, m(f));
      return NEXT;
    };
  },
  Signal: (c, o) => {
    const e = eventOf(c.peek(operandTerm(o, 0)));
    return (f) => {
      signalEvent(e(f));
      return NEXT;
    };
  },
  Reset: (c, o) => {
    const e = eventOf(c.peek(operandTerm(o, 0)));
    return (f) => {
      resetEvent(e(f));
      return NEXT;
    };
  },
  Sleep: (c, o) => {
    const t = c.expr(operandTerm(o, 0)), w = c.width;
    return (f) => {
      f.rt.clock += iv(t(f), w) * 10_000n;
      return NEXT;
    };
  },
  Stall: (c, o) => {
    const t = c.expr(operandTerm(o, 0)), w = c.width;
    return (f) => {
      const us = iv(t(f), w);
      if (us > MAX_STALL_US) throw new AmlError('bad-argument', `Stall(${us}) is above ${MAX_STALL_US} microseconds`);
      f.rt.clock += us * 10n;
      return NEXT;
    };
  },
  Notify: (c, o) => {
    const target = c.peek(operandTerm(o, 0)), v = c.expr(operandTerm(o, 1)), w = c.width;
    return (f) => {
      notify(f, target(f), v, w);
      return NEXT;
    };
  },
};
