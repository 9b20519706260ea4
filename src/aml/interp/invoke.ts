// Method invocation (ACPI 6.5 §19.6.85): argument slots, the call-depth limit, the
// implicit mutex of Serialized methods, deletion of the names a call created, and
// the compile cache: a body is compiled on its first call and again only after
// tables changed the namespace.
import { deferredTerms, type Term } from '../decode/index.ts';
import { Compiler, type Exec } from './compile.ts';
import { AmlError, typeMismatch } from './errors.ts';
import { enterSerialized, leaveSerialized } from './mutex.ts';
import { resolveAlias, type NamespaceNode } from './namespace.ts';
import { Frame, type Runtime } from './runtime.ts';
import { readNode } from './store.ts';
import { type AmlValue, type MethodObject, typeName, UNINITIALIZED } from './types.ts';


/** Calls what `node` names: a method with `args`, or (with no args) reads any other object. */
export function callNode(rt: Runtime, node: NamespaceNode, args: readonly AmlValue[]): AmlValue | undefined {
  const n = resolveAlias(node);
  const o = n.obj;
  if (o.kind === 'method') return invoke(rt, n, o, args);
  if (args.length === 0) return readNode(rt, n);
  throw typeMismatch(`${n.path} is a ${typeName(o)}, not a method`);
}

export const callMethod = callNode;

export function invoke(rt: Runtime, node: NamespaceNode, m: MethodObject, args: readonly AmlValue[]): AmlValue | undefined {
  if (rt.depth >= rt.limits.callDepth) {
    throw new AmlError('call-depth', `calling ${node.path} would nest more than ${rt.limits.callDepth} method calls`);
  }
  rt.tick();
  if (m.native) return m.native(args);
  const body = compiled(rt, node, m);
  const slots: AmlValue[] = [UNINITIALIZED, UNINITIALIZED, UNINITIALIZED, UNINITIALIZED, UNINITIALIZED, UNINITIALIZED, UNINITIALIZED];
  for (let i = 0; i < args.length && i < 7; i++) slots[i] = args[i]!;
  const frame = new Frame(rt, node, slots, m);
  if (m.mutex) enterSerialized(rt, m.mutex);
  rt.depth++;
  try {
    body(frame);
    return frame.ret;
  } catch (e) {
    if (e instanceof AmlError && e.method === undefined) {
      e.method = node.path;
      e.offset ??= frame.offset;
      e.message += ` (in ${node.path} at offset 0x${e.offset.toString(16)})`;
    }
    throw e;
  } finally {
    rt.depth--;
    if (frame.created) for (let i = frame.created.length - 1; i >= 0; i--) rt.ns.remove(frame.created[i]!);
    if (m.mutex) leaveSerialized(rt, m.mutex);
  }
}

function compiled(rt: Runtime, node: NamespaceNode, m: MethodObject): Exec {
  if (m.compiled !== undefined && m.generation === rt.generation) return m.compiled as Exec;
  if (!m.body) throw new AmlError('internal', `method ${node.path} has no body`);
  // A body is decoded on its first run (the loader leaves it: openDefinitionBlock).
  const terms = deferredTerms(m.body, false);
  const exec = new Compiler(rt, node, declaredNames(terms), undefined).block(terms);
  m.compiled = exec;
  m.generation = rt.generation;
  return exec;
}

/**
 * Single-segment names a method body declares (at any depth of If/While): each
 * call creates its own, so references to them are looked up per call.
 */
export function declaredNames(terms: readonly Term[], out = new Set<string>()): Set<string> {
  for (const t of terms) {
    if (t.t !== 'op') continue;
    for (const a of t.args) {
      if ((a.k === 'terms' || a.k === 'body') && (t.op === 'If' || t.op === 'While' || t.op === 'Else')) {
        // A chain If's body left undecoded (if-chain-run.ts) declares nothing: the decoder checked its bytes.
        if (a.k === 'terms') declaredNames(a.terms, out);
        else if (a.mayDeclare) declaredNames(deferredTerms(a), out);
      }
      if (a.k === 'fields') for (const e of a.fields) if (e.k === 'named') out.add(e.name);
    }
    const nameArg = DECLARES[t.op];
    if (nameArg !== undefined) {
      const a = t.args[nameArg === -1 ? t.args.length - 1 : nameArg];
      if (a?.k === 'name' && !a.name.root && a.name.parents === 0 && a.name.segs.length === 1) out.add(a.name.segs[0]!);
    }
  }
  return out;
}

/** Which operand holds the declared name (-1: the last). */
const DECLARES: Partial<Record<string, number>> = {
  Name: 0, Method: 1, Mutex: 0, Event: 0, OperationRegion: 0, DataTableRegion: 0, Alias: 1,
  Device: 1, Processor: 1, PowerResource: 1, ThermalZone: 1,
  CreateBitField: -1, CreateByteField: -1, CreateWordField: -1, CreateDWordField: -1, CreateQWordField: -1, CreateField: -1,
};
