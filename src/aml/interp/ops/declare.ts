// Creating a named object in the running frame's scope, shared by every opcode
// that declares one.
import type { NameString } from '../../decode/index.ts';
import { AmlError } from '../errors.ts';
import { NamespaceNode } from '../namespace.ts';
import type { Frame } from '../runtime.ts';
import type { NodeObject } from '../types.ts';

/** Address space id of DataTableRegion (ACPICA's ACPI_ADR_SPACE_DATA_TABLE): served from the table's bytes, never by a handler. */
export const DATA_TABLE_SPACE = 0x7e;

/**
 * Creates `name` in the frame's scope. While loading, a duplicate is a warning and
 * the first declaration stays (ACPICA's AE_ALREADY_EXISTS, logged); in a method it
 * is AmlError('already-exists'). Returns the node, or undefined for a skipped duplicate.
 */
export function createNamed(f: Frame, name: NameString, obj: NodeObject): NamespaceNode | undefined {
  const { parent, seg } = f.rt.ns.placeFor(f.scope, name);
  const existing = parent.children.get(seg);
  if (existing) {
    const path = existing.path;
    if (!f.loading) throw new AmlError('already-exists', `${path} already exists`);
    f.rt.warnings.push(`${path} is declared again; the first declaration is kept`);
    return undefined;
  }
  const node = new NamespaceNode(seg, parent, obj);
  parent.addChild(node);
  f.track(node);
  return node;
}

