// Stores and references (ACPI 6.5 §19.6: Store, CopyObject, RefOf, CondRefOf,
// DerefOf, Index, Match, ObjectType, SizeOf).
import { operandNum, operandTerm, type OpName, type OpTerm } from '../../decode/index.ts';
import type { Compiler, Eval } from '../compile.ts';
import { lookupPath } from '../runtime.ts';
import { compareValues, derefOperand } from '../convert.ts';
import { AmlError, typeMismatch } from '../errors.ts';
import { copyToNode, derefValue } from '../store.ts';
import {
  type AmlReference, type AmlValue, type NodeObject, copyValue, int, ObjectTypeCode, typeName, ZERO,
} from '../types.ts';
import { expr, iv } from './util.ts';


type ExprOps = Partial<Record<OpName, (c: Compiler, o: OpTerm) => Eval>>;

function index(container: AmlValue, i: bigint): AmlReference {
  const d = derefOperand(container);
  switch (d.kind) {
    case 'package':
      if (i >= BigInt(d.elements.length)) throw outOfRange(i, 'package', d.elements.length);
      return { kind: 'reference', to: 'element', pkg: d, index: Number(i) };
    case 'buffer':
      if (i >= BigInt(d.value.length)) throw outOfRange(i, 'buffer', d.value.length);
      return { kind: 'reference', to: 'byte', data: d, index: Number(i) };
    case 'string':
      if (i >= BigInt(d.value.length)) throw outOfRange(i, 'string', d.value.length);
      return { kind: 'reference', to: 'byte', data: d, index: Number(i) };
    default:
      throw typeMismatch(`Index of a ${typeName(d)}`);
  }
}

const outOfRange = (i: bigint, what: string, n: number) =>
  new AmlError('index-out-of-range', `index ${i} is beyond the ${n}-element ${what}`);

// ACPI 6.5 §19.6.87 Match: MTR 0, MEQ 1, MLE 2, MLT 3, MGE 4, MGT 5. The element is
// compared with the match object as its left operand; ACPICA computes it the other
// way round so that the match object's type drives the conversion, and so do we.
function matches(op: bigint, element: AmlValue, obj: AmlValue, w: number): boolean {
  if (op === 0n) return true;
  let c: number;
  try {
    c = compareValues(obj, element, w);
  } catch {
    return false; // an element that cannot be compared does not match
  }
  switch (op) {
    case 1n: return c === 0;
    case 2n: return c >= 0;
    case 3n: return c > 0;
    case 4n: return c <= 0;
    case 5n: return c < 0;
    default: return false;
  }
}

function objectTypeCode(obj: NodeObject): number {
  switch (obj.kind) {
    case 'scope': return 0;
    case 'alias': return 0;
    case 'reference': return obj.to === 'table' ? ObjectTypeCode.ddbHandle : 0;
    default: return ObjectTypeCode[obj.kind];
  }
}

export const REF: ExprOps = {
  Store: (c, o) => {
    const src = expr(c, o, 0);
    const t = operandTerm(o, 1);
    if (t.t === 'local') {
      const i = t.index;
      return (f) => {
        const v = src(f);
        f.locals[i] = v.kind === 'integer' ? v : copyValue(v);
        return v;
      };
    }
    const set = c.place(t).set;
    return (f) => {
      const v = src(f);
      set(f, v);
      return v;
    };
  },
  // CopyObject replaces the destination whatever its type (no implicit conversion).
  CopyObject: (c, o) => {
    const src = expr(c, o, 0);
    const t = operandTerm(o, 1);
    if (t.t === 'name') {
      const get = c.node(t.name);
      return (f) => {
        const v = src(f);
        copyToNode(f.rt, get(f), v);
        return v;
      };
    }
    const set = c.place(t).set;
    return (f) => {
      const v = src(f);
      set(f, v);
      return v;
    };
  },
  RefOf: (c, o) => c.place(operandTerm(o, 0)).ref,
  // CondRefOf: Ones and the reference stored if the object exists, Zero otherwise.
  CondRefOf: (c, o) => {
    const t = operandTerm(o, 0);
    const store = c.target(operandTerm(o, 1));
    const T = int(c.ones);
    if (t.t === 'name') {
      const get = c.optionalNode(t.name);
      return (f) => {
        const n = get(f);
        if (!n) return ZERO;
        if (store) store(f, { kind: 'reference', to: 'node', node: n });
        return T;
      };
    }
    const ref = c.place(t).ref;
    return (f) => {
      const r = ref(f);
      if (store) store(f, r);
      return T;
    };
  },
  DerefOf: (c, o) => {
    const e = expr(c, o, 0);
    return (f) => {
      const v = e(f);
      if (v.kind === 'reference') return derefValue(f.rt, v);
      if (v.kind === 'string') return derefValue(f.rt, { kind: 'reference', to: 'node', node: lookupPath(f, v.value) });
      throw typeMismatch(`DerefOf a ${typeName(v)}`);
    };
  },
  Index: (c, o) => {
    const src = expr(c, o, 0), i = expr(c, o, 1), w = c.width;
    const t = c.target(operandTerm(o, 2));
    return (f) => {
      const r = index(src(f), iv(i(f), w));
      if (t) t(f, r);
      return r;
    };
  },
  Match: (c, o) => {
    const src = expr(c, o, 0), op1 = BigInt(operandNum(o, 1)), obj1 = expr(c, o, 2);
    const op2 = BigInt(operandNum(o, 3)), obj2 = expr(c, o, 4), start = expr(c, o, 5);
    const w = c.width, ones = int(c.ones);
    return (f) => {
      const p = derefOperand(src(f));
      const a = obj1(f), b = obj2(f), from = iv(start(f), w);
      if (p.kind !== 'package') throw typeMismatch(`Match in a ${typeName(p)}`);
      if (op1 > 5n || op2 > 5n) throw new AmlError('bad-argument', `Match: invalid match opcode`);
      if (from >= BigInt(p.elements.length)) throw outOfRange(from, 'package', p.elements.length);
      for (let i = Number(from); i < p.elements.length; i++) {
        const e = p.elements[i]!;
        if (e.kind === 'uninitialized') continue;
        if (matches(op1, e, a, w) && matches(op2, e, b, w)) return int(BigInt(i));
      }
      return ones;
    };
  },
  ObjectType: (c, o) => {
    const t = operandTerm(o, 0);
    if (t.t === 'debug') {
      const v = int(BigInt(ObjectTypeCode.debug));
      return () => v;
    }
    const peek = c.peek(t);
    return (f) => int(BigInt(objectTypeCode(peek(f).obj)));
  },
  // SizeOf: bytes of a Buffer, characters of a String, elements of a Package
  // (and the integer width for an Integer, as ACPICA allows).
  SizeOf: (c, o) => {
    const peek = c.peek(operandTerm(o, 0)), w = c.width;
    return (f) => {
      const obj = peek(f).obj;
      switch (obj.kind) {
        case 'buffer': return int(BigInt(obj.value.length));
        case 'string': return int(BigInt(obj.value.length));
        case 'package': return int(BigInt(obj.elements.length));
        case 'integer': return int(BigInt(w / 8));
        case 'uninitialized': throw new AmlError('uninitialized', 'SizeOf an uninitialized object');
        default: throw typeMismatch(`SizeOf a ${typeName(obj)}`);
      }
    };
  },
};

