// Reading named objects and storing into places, with ACPI's rules (ACPI 6.5
// §19.3.5.8 and ACPICA exstore.c, whose choices we follow where the spec is
// loose): Store converts to the type of a named Integer, String or Buffer; Locals
// are overwritten; an Arg holding RefOf() is stored through; fields are written.
import { bytesToInteger, derefOperand, toBytes, toInteger, toStr } from './convert.ts';
import { AmlError, typeMismatch } from './errors.ts';
import { readBufferField, readFieldUnit, writeBufferField, writeFieldUnit } from './field-io.ts';
import { resolveAlias, type NamespaceNode } from './namespace.ts';
import type { Runtime } from './runtime.ts';
import {
  type AmlReference, type AmlValue, assertNever, copyValue, int, isValue, nodeRef, typeName,
} from './types.ts';


/** A named object used as a TermArg: data as it is, fields read, methods run, others referenced. */
export function readNode(rt: Runtime, node: NamespaceNode): AmlValue {
  const n = node.obj.kind === 'alias' ? resolveAlias(node) : node;
  const o = n.obj;
  switch (o.kind) {
    case 'integer': case 'string': case 'buffer': case 'package': case 'reference': case 'uninitialized':
      return o;
    case 'field': return readFieldUnit(rt, o);
    case 'buffer-field': return readBufferField(rt, o, o.isCreateField);
    case 'method': {
      const r = rt.calls.call(rt, n, []);
      if (r === undefined) throw new AmlError('uninitialized', `method ${n.path} returned no value`);
      return r;
    }
    case 'scope': case 'device': case 'processor': case 'power-resource': case 'thermal-zone':
    case 'mutex': case 'event': case 'region':
      return nodeRef(n);
    case 'alias': throw new Error('unreachable: alias resolved above');
    default: return assertNever(o);
  }
}

/** Store(value, Name): conversion to the named object's type, or a field write. */
export function storeToNode(rt: Runtime, node: NamespaceNode, value: AmlValue): void {
  const n = resolveAlias(node);
  const o = n.obj;
  // A DDBHandle replaces a data object (firmware writes Name (HI0, 0) ... Load (IST0, HI0)
  // and later Unload (HI0)); it converts to nothing.
  if (value.kind === 'reference' && value.to === 'table' && isValue(o)) {
    n.obj = value;
    return;
  }
  const v = o.kind === 'uninitialized' || o.kind === 'package' || o.kind === 'reference' ? value : derefOperand(value);
  switch (o.kind) {
    case 'integer':
      checkConvertible(v, n);
      n.obj = int(toInteger(v, rt.width));
      return;
    case 'string':
      checkConvertible(v, n);
      o.value = toStr(v, rt.width);
      return;
    case 'buffer': {
      checkConvertible(v, n);
      const src = toBytes(v, rt.width);
      // The target keeps its length: shorter data is zero-padded, longer truncated (ACPICA).
      if (o.value.length === 0) o.value = src.slice();
      else {
        o.value.fill(0);
        o.value.set(src.subarray(0, o.value.length));
      }
      return;
    }
    case 'package':
      if (v.kind !== 'package') throw typeMismatch(`cannot store a ${typeName(v)} into Package ${n.path}`);
      n.obj = copyValue(v);
      return;
    case 'reference':
    case 'uninitialized':
      n.obj = copyValue(v);
      return;
    case 'field': writeFieldUnit(rt, o, v); return;
    case 'buffer-field': writeBufferField(o, v); return;
    case 'scope': case 'device': case 'processor': case 'power-resource': case 'thermal-zone':
    case 'mutex': case 'event': case 'region': case 'method':
      throw typeMismatch(`cannot store into ${typeName(o)} ${n.path}`);
    case 'alias': throw new Error('unreachable: alias resolved above');
    default: assertNever(o);
  }
}

function checkConvertible(v: AmlValue, n: NamespaceNode): void {
  if (v.kind !== 'integer' && v.kind !== 'string' && v.kind !== 'buffer') {
    if (v.kind === 'uninitialized') throw new AmlError('uninitialized', `storing an uninitialized value into ${n.path}`);
    throw typeMismatch(`cannot store a ${typeName(v)} into ${typeName(n.obj)} ${n.path}`);
  }
}

/** CopyObject(value, Name): replaces the object, whatever its type, but fields are still written. */
export function copyToNode(rt: Runtime, node: NamespaceNode, value: AmlValue): void {
  const n = resolveAlias(node);
  const o = n.obj;
  if (o.kind === 'field') return writeFieldUnit(rt, o, value);
  if (o.kind === 'buffer-field') return writeBufferField(o, value);
  if (o.kind === 'method' || o.kind === 'region' || o.kind === 'mutex' || o.kind === 'event') {
    throw typeMismatch(`CopyObject cannot replace ${typeName(o)} ${n.path}`);
  }
  n.obj = copyValue(value);
}

/** Store through an ObjectReference (RefOf, Index, a RefOf in an Arg). */
export function storeToRef(rt: Runtime, ref: AmlReference, value: AmlValue): void {
  switch (ref.to) {
    case 'node': storeToNode(rt, ref.node, value); return;
    case 'element': ref.pkg.elements[ref.index] = copyValue(value); return;
    case 'slot': ref.slots[ref.index] = copyValue(value); return;
    case 'byte': {
      const v = derefOperand(value);
      let byte: number;
      if (v.kind === 'integer') byte = Number(v.value & 0xffn);
      else if (v.kind === 'buffer') byte = v.value[0] ?? 0;
      else if (v.kind === 'string') byte = v.value.charCodeAt(0) || 0;
      else throw typeMismatch(`cannot store a ${typeName(v)} into a byte`);
      const d = ref.data;
      if (d.kind === 'buffer') d.value[ref.index] = byte;
      else d.value = d.value.slice(0, ref.index) + String.fromCharCode(byte) + d.value.slice(ref.index + 1);
      return;
    }
    case 'unresolved': throw new AmlError('undefined-reference', `reference to ${ref.path}, which does not exist`);
    case 'table': throw typeMismatch('cannot store into a DDBHandle');
    default: assertNever(ref);
  }
}

/** DerefOf(reference): the object the reference points at, read as a TermArg. */
export function derefValue(rt: Runtime, ref: AmlReference): AmlValue {
  switch (ref.to) {
    case 'node': return readNode(rt, ref.node);
    case 'element': {
      const e = ref.pkg.elements[ref.index];
      if (e === undefined || e.kind === 'uninitialized') {
        throw new AmlError('uninitialized', `package element ${ref.index} is uninitialized`);
      }
      return e;
    }
    case 'byte': return derefOperand(ref);
    case 'slot': {
      const v = ref.slots[ref.index];
      if (v === undefined || v.kind === 'uninitialized') throw new AmlError('uninitialized', `${ref.label} is uninitialized`);
      return v;
    }
    case 'unresolved': throw new AmlError('undefined-reference', `reference to ${ref.path}, which does not exist`);
    case 'table': throw typeMismatch('DerefOf a DDBHandle');
    default: return assertNever(ref);
  }
}

/** An integer from the first bytes of a buffer or the value of an Integer (Notify, Sleep operands). */
export function smallInteger(rt: Runtime, v: AmlValue): bigint {
  const d = derefOperand(v);
  return d.kind === 'buffer' ? bytesToInteger(d.value, rt.width) : toInteger(d, rt.width);
}
