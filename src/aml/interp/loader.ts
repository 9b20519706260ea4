// Loading a definition block (ACPI 6.5 §5.2.11): decode it whole first, so bad
// bytes change nothing; then run its top-level TermList, creating objects and
// running module-level code in table order; then resolve names used inside its
// packages (they may refer forward). A failure after decoding removes every node
// the table created.
import { decodeDefinitionBlock, NOT_A_METHOD, type TableHeader } from '../decode/index.ts';
import type { PendingName } from './compile.ts';
import { asAmlError } from './errors.ts';
import { resolveAlias, type NamespaceNode } from './namespace.ts';
import { nodeRef, UNINITIALIZED } from './types.ts';
import { packageElementFor } from './ops/data.ts';
import { runTermList } from './ops/named.ts';
import { Frame, type Runtime } from './runtime.ts';

export function loadTable(rt: Runtime, bytes: Uint8Array): TableHeader {
  const block = decodeDefinitionBlock(bytes, {
    lookup: (segs) => {
      const n = rt.ns.at(segs);
      if (!n) return undefined;
      const o = resolveAlias(n).obj;
      return o.kind === 'method' ? o.argCount : NOT_A_METHOD;
    },
  });
  const { header } = block;
  const width = rt.width;
  // ACPI 6.5 §5.2.11.1: the DSDT's revision sets the integer width for every table.
  if (header.signature === 'DSDT') rt.width = header.revision < 2 ? 32 : 64;
  const created: NamespaceNode[] = [];
  const pending: PendingName[] = [];
  rt.generation++;
  rt.begin();
  try {
    const args = Array.from({ length: 7 }, () => UNINITIALIZED);
    const frame = new Frame(rt, rt.ns.root, args, undefined, (n) => created.push(n), pending);
    runTermList(frame, rt.ns.root, block.terms);
    resolvePending(rt, pending);
  } catch (e) {
    for (let i = created.length - 1; i >= 0; i--) rt.ns.remove(created[i]!);
    rt.width = width;
    rt.generation++;
    throw asAmlError(e);
  } finally {
    rt.end();
  }
  return header;
}

/**
 * Package elements that name objects: data objects become their value, anything
 * else a reference (ACPICA nsinit.c). Fields are referenced, not read, so loading
 * never touches a register; a name that still does not resolve stays unresolved.
 */
function resolvePending(rt: Runtime, pending: readonly PendingName[]): void {
  for (const p of pending) {
    const n = rt.ns.lookup(p.scope, p.name);
    if (!n) continue;
    const r = resolveAlias(n);
    p.pkg.elements[p.index] = r.obj.kind === 'field' || r.obj.kind === 'buffer-field' || r.obj.kind === 'method'
      ? nodeRef(r)
      : packageElementFor(rt, r);
  }
}
