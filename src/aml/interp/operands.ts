// How compiled code reaches its operands at run time: LocalN and ArgN, what a
// named object or a reference stands for (aliases and references followed), and
// the error for a name that does not exist. Shared by the compiler and by the
// If-chain dispatch, which runs CTFY's one-Notify bodies itself.
import type { NameString } from '../decode/index.ts';
import type { Eval } from './compile.ts';
import { AmlError, typeMismatch } from './errors.ts';
import { resolveAlias, type NamespaceNode } from './namespace.ts';
import type { Frame } from './runtime.ts';
import type { AmlReference, AmlValue, NodeObject } from './types.ts';

/** Reading LocalN or ArgN (ACPI 6.5 §19.3.5.8: eight Locals, seven Args): the same for every method, so made once. */
const localReader = (i: number): Eval => (f) => {
  const v = f.locals[i]!;
  if (v.kind === 'uninitialized') throw new AmlError('uninitialized', `Local${i} is uninitialized`);
  return v;
};
const argReader = (i: number): Eval => (f) => {
  const v = f.args[i]!;
  if (v.kind === 'uninitialized') throw new AmlError('uninitialized', `Arg${i} is uninitialized`);
  return v;
};
const LOCAL_READERS: readonly Eval[] = Array.from({ length: 8 }, (_, i) => localReader(i));
const ARG_READERS: readonly Eval[] = Array.from({ length: 7 }, (_, i) => argReader(i));
/** The reader of LocalN or ArgN, as expr() compiles one. */
export const slotReader = (slot: 'locals' | 'args', index: number): Eval => (slot === 'locals' ? LOCAL_READERS : ARG_READERS)[index]!;

/** What a named object stands for: a name holding a reference (CopyObject of a RefOf) stands for what it refers to. */
export function peekNode(node: NamespaceNode): { node?: NamespaceNode; obj: NodeObject } {
  const n = resolveAlias(node);
  return n.obj.kind === 'reference' ? followRef(n.obj) : { node: n, obj: n.obj };
}

/** The object a reference leads to (for ObjectType, SizeOf, Notify, Acquire). */
export function followRef(ref: AmlReference): { node?: NamespaceNode; obj: NodeObject } {
  let r: AmlReference = ref;
  for (let hops = 0; hops < 64; hops++) {
    let next: AmlValue | undefined;
    switch (r.to) {
      case 'node': {
        const n = resolveAlias(r.node);
        return { node: n, obj: n.obj };
      }
      case 'element': next = r.pkg.elements[r.index]; break;
      case 'slot': next = r.slots[r.index]; break;
      case 'byte': return { obj: { kind: 'buffer-field', buffer: { kind: 'buffer', value: new Uint8Array(1) }, bitOffset: 0, bitLength: 8, isCreateField: false } };
      case 'unresolved': throw new AmlError('undefined-reference', `reference to ${r.path}, which does not exist`);
      case 'table': return { obj: r };
    }
    if (next === undefined) return { obj: { kind: 'uninitialized' } };
    if (next.kind !== 'reference') return { obj: next };
    r = next;
  }
  throw typeMismatch('reference chain too long');
}

/** The error for a name that does not exist (a relative one with the scope it was looked up from). */
export const missingName = (f: Frame, name: NameString): AmlError => new AmlError('undefined-reference', `${describe(f.scope, name)} does not exist`);
export const throwMissing = (f: Frame, name: NameString): never => {
  throw missingName(f, name);
};

function describe(scope: NamespaceNode, name: NameString): string {
  const text = (name.root ? '\\' : '^'.repeat(name.parents)) + name.segs.join('.');
  return name.root || scope.parent === undefined ? text : `${text} (from ${scope.path})`;
}
