// Data objects and conversions (ACPI 6.5 §19.6: Buffer, Package, VarPackage,
// Concatenate, ConcatenateResTemplate, Mid, ToBuffer, ToDecimalString, ToHexString,
// ToInteger, ToString, Revision, Timer). Wording of conversions follows ACPICA
// 20200925 (checked against acpiexec): ToHexString(Buffer) "0x01,0xAB",
// Concatenate("x", Buffer) "x0x01 0xAB", implicit Integer to String all 16 digits.
// One exception, where Windows and ACPICA 2020 disagree and we follow Windows:
// ToHexString(Integer) is "0x" and the digits without leading zeros ("0x5"),
// where ACPICA 2020 gives "0000000000000005".
import {
  formatNameString, operandBytes, operandNum, operandTerm, operandTerms, type OpName, type OpTerm, type Term,
} from '../../decode/index.ts';
import type { Compiler, Eval } from '../compile.ts';
import {
  bytesToHex, bytesToInteger, derefOperand, explicitStringToInteger, integerToBytes,
  toBytes, toInteger, toStr,
} from '../convert.ts';
import { AmlError } from '../errors.ts';
import { resolveAlias, type NamespaceNode } from '../namespace.ts';
import type { Frame, Runtime } from '../runtime.ts';
import { readNode } from '../store.ts';
import { type AmlPackage, type AmlValue, assertNever, int, nodeRef, typeName, UNINITIALIZED } from '../types.ts';
import { checkSize, expr, iv, MAX_PACKAGE_ELEMENTS, withTarget } from './util.ts';


type ExprOps = Partial<Record<OpName, (c: Compiler, o: OpTerm) => Eval>>;
type ElementEval = (f: Frame, pkg: AmlPackage, index: number) => AmlValue;

/** What Revision returns: ACPICA's version, so AML that tests it behaves as under acpiexec. */
export const INTERPRETER_REVISION = 0x20200925n;

/**
 * A package element that names an object (ACPICA dsobject.c): data objects and
 * fields become their value, anything else (Device, Method...) a reference to it.
 */
export function packageElementFor(rt: Runtime, node: NamespaceNode): AmlValue {
  const n = resolveAlias(node);
  switch (n.obj.kind) {
    case 'integer': case 'string': case 'buffer': case 'package': case 'reference': case 'uninitialized':
    case 'field': case 'buffer-field':
      return readNode(rt, n);
    default:
      return nodeRef(n);
  }
}

function element(c: Compiler, t: Term): ElementEval {
  if (t.t !== 'name') {
    const e = c.expr(t);
    return (f) => e(f);
  }
  const name = t.name;
  const path = formatNameString(name);
  const pending = c.pending;
  if (pending) {
    // While a table loads, names in its packages may refer forward: resolved after the load.
    return (f, pkg, index) => {
      pending.push({ pkg, index, scope: f.scope, name });
      return { kind: 'reference', to: 'unresolved', path };
    };
  }
  const get = c.optionalNode(name);
  return (f) => {
    const n = get(f);
    return n ? packageElementFor(f.rt, n) : { kind: 'reference', to: 'unresolved', path };
  };
}

function buildPackage(count: Eval | number, elems: readonly ElementEval[], w: number): Eval {
  return (f) => {
    // More initializers than NumElements are dropped (ACPICA warns and truncates).
    const n = typeof count === 'number' ? count : checkSize(iv(count(f), w), 'Package size', MAX_PACKAGE_ELEMENTS);
    const pkg: AmlPackage = { kind: 'package', elements: new Array<AmlValue>(n).fill(UNINITIALIZED) };
    const m = Math.min(n, elems.length);
    for (let i = 0; i < m; i++) pkg.elements[i] = elems[i]!(f, pkg, i);
    return pkg;
  };
}

/** A Buffer whose string form (up to 5 characters a byte) stays within MAX_OBJECT_SIZE. */
const checkedBytes = (b: Uint8Array) => (checkSize(b.length * 5, 'String'), b);

/** Decimal digits of a Buffer's bytes, comma separated (ToDecimalString). */
const bytesToDecimal = (b: Uint8Array) => Array.from(b, (x) => String(x)).join(',');

/** Concatenate's operand for a non-data object: "[Package Object]" (ACPICA, ACPI 6.1). */
function concatOperand(v: AmlValue): AmlValue {
  const d = derefOperand(v);
  if (d.kind === 'integer' || d.kind === 'string' || d.kind === 'buffer') return d;
  return { kind: 'string', value: `[${typeName(d)} Object]` };
}

function concatenate(a: AmlValue, b: AmlValue, w: number): AmlValue {
  const x = concatOperand(a);
  const y = concatOperand(b);
  switch (x.kind) {
    case 'integer': {
      const out = new Uint8Array(w / 4);
      out.set(integerToBytes(x.value, w));
      out.set(integerToBytes(toInteger(y, w), w), w / 8);
      return { kind: 'buffer', value: out };
    }
    case 'string': {
      if (y.kind === 'buffer') checkedBytes(y.value);
      const s = x.value + toStr(y, w);
      checkSize(s.length, 'String');
      return { kind: 'string', value: s };
    }
    case 'buffer': {
      const tail = toBytes(y, w);
      const out = new Uint8Array(checkSize(x.value.length + tail.length, 'Buffer'));
      out.set(x.value);
      out.set(tail, x.value.length);
      return { kind: 'buffer', value: out };
    }
    default:
      return assertNever(x as never);
  }
}

// ACPI 6.5 §6.4.2.9 End Tag: 0x79 then a checksum byte. Small items carry their
// length in bits 2-0; large items (bit 7 set) a 16-bit length after the tag.
function templateBody(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length) {
    const tag = b[i]!;
    if (tag === 0x79) return b.subarray(0, i);
    if (tag & 0x80) {
      if (i + 3 > b.length) break;
      i += 3 + (b[i + 1]! | (b[i + 2]! << 8));
    } else {
      i += 1 + (tag & 7);
    }
  }
  throw new AmlError('bad-argument', 'ConcatenateResTemplate: operand is not a resource template (no End Tag)');
}

function mid(src: AmlValue, index: bigint, length: bigint, w: number): AmlValue {
  const d = derefOperand(src);
  if (d.kind === 'string') {
    const s = index >= BigInt(d.value.length) ? '' : d.value.substr(Number(index), Number(length > 0x7fffffffn ? 0x7fffffffn : length));
    return { kind: 'string', value: s };
  }
  const b = toBytes(d, w);
  if (index >= BigInt(b.length)) return { kind: 'buffer', value: new Uint8Array(0) };
  const start = Number(index);
  const end = Math.min(b.length, start + Number(length > BigInt(b.length) ? BigInt(b.length) : length));
  return { kind: 'buffer', value: b.slice(start, end) };
}

export const DATA: ExprOps = {
  // DefBuffer: the larger of BufferSize and the initializer (ACPICA dsobject.c).
  Buffer: (c, o) => {
    const size = expr(c, o, 1), init = operandBytes(o, 2), w = c.width;
    return (f) => {
      const n = checkSize(iv(size(f), w), 'Buffer size');
      const value = new Uint8Array(Math.max(n, init.length));
      value.set(init);
      return { kind: 'buffer', value };
    };
  },
  Package: (c, o) => buildPackage(operandNum(o, 1), operandTerms(o, 2).map((t) => element(c, t)), c.width),
  VarPackage: (c, o) => buildPackage(expr(c, o, 1), operandTerms(o, 2).map((t) => element(c, t)), c.width),
  Revision: () => {
    const v = int(INTERPRETER_REVISION);
    return () => v;
  },
  Timer: (c) => {
    const w = c.width;
    return (f) => int(BigInt.asUintN(w, f.rt.clock));
  },
  Concatenate: (c, o) => {
    const a = expr(c, o, 0), b = expr(c, o, 1), w = c.width;
    return withTarget(c, o, 2, (f) => concatenate(a(f), b(f), w));
  },
  ConcatenateResTemplate: (c, o) => {
    const a = expr(c, o, 0), b = expr(c, o, 1), w = c.width;
    return withTarget(c, o, 2, (f) => {
      const x = templateBody(toBytes(a(f), w)), y = templateBody(toBytes(b(f), w));
      const out = new Uint8Array(x.length + y.length + 2);
      out.set(x);
      out.set(y, x.length);
      out[out.length - 2] = 0x79;
      return { kind: 'buffer', value: out };
    });
  },
  Mid: (c, o) => {
    const s = expr(c, o, 0), i = expr(c, o, 1), n = expr(c, o, 2), w = c.width;
    return withTarget(c, o, 3, (f) => mid(s(f), iv(i(f), w), iv(n(f), w), w));
  },
  ToBuffer: (c, o) => {
    const a = expr(c, o, 0), w = c.width;
    return withTarget(c, o, 1, (f) => ({ kind: 'buffer', value: toBytes(a(f), w).slice() }));
  },
  ToInteger: (c, o) => {
    const a = expr(c, o, 0), w = c.width;
    return withTarget(c, o, 1, (f) => {
      const v = derefOperand(a(f));
      if (v.kind === 'string') return int(explicitStringToInteger(v.value, w));
      if (v.kind === 'buffer') return int(bytesToInteger(v.value, w));
      return int(toInteger(v, w));
    });
  },
  ToHexString: (c, o) => {
    const a = expr(c, o, 0), w = c.width;
    return withTarget(c, o, 1, (f) => {
      const v = derefOperand(a(f));
      if (v.kind === 'string') return { kind: 'string', value: v.value };
      if (v.kind === 'buffer') return { kind: 'string', value: bytesToHex(checkedBytes(v.value), ',') };
      return { kind: 'string', value: `0x${toInteger(v, w).toString(16).toUpperCase()}` };
    });
  },
  ToDecimalString: (c, o) => {
    const a = expr(c, o, 0), w = c.width;
    return withTarget(c, o, 1, (f) => {
      const v = derefOperand(a(f));
      if (v.kind === 'string') return { kind: 'string', value: v.value };
      if (v.kind === 'buffer') return { kind: 'string', value: bytesToDecimal(checkedBytes(v.value)) };
      return { kind: 'string', value: toInteger(v, w).toString(10) };
    });
  },
  // ToString(Buffer, Length): characters up to a NUL or Length (Ones: no limit).
  ToString: (c, o) => {
    const a = expr(c, o, 0), n = c.expr(operandTerm(o, 1)), w = c.width;
    return withTarget(c, o, 2, (f) => {
      const b = toBytes(a(f), w);
      const max = iv(n(f), w);
      let s = '';
      for (let i = 0; i < b.length && BigInt(i) < max && b[i] !== 0; i++) s += String.fromCharCode(b[i]!);
      return { kind: 'string', value: s };
    });
  },
};

