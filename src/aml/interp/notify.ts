// Notify (ACPI 6.5 §19.6.95) and Debug output: delivered synchronously to the
// host handlers in the order the AML produced them, and in handler install order.
import { AmlError, handlerError } from './errors.ts';
import type { NamespaceNode } from './namespace.ts';
import type { Runtime } from './runtime.ts';
import { type AmlValue, copyValue, typeName } from './types.ts';

/** Notify is only defined for these objects (ACPICA: AE_AML_OPERAND_TYPE otherwise). */
const NOTIFIABLE = new Set(['device', 'processor', 'thermal-zone', 'power-resource']);

export function deliverNotify(rt: Runtime, node: NamespaceNode, value: bigint): void {
  if (!NOTIFIABLE.has(node.obj.kind)) {
    throw new AmlError('type-mismatch', `cannot Notify ${typeName(node.obj)} ${node.path}`);
  }
  const v = Number(value & 0xffffffffn);
  for (const h of rt.notifyHandlers) {
    try {
      h(node.path, v);
    } catch (e) {
      throw handlerError('notify handler', e);
    }
  }
}

export function deliverDebug(rt: Runtime, value: AmlValue): void {
  // QEMU's CSCN stores each CPU it notifies into Debug: with no handler, nothing to copy.
  if (rt.debugHandlers.length === 0) return;
  for (const h of rt.debugHandlers) {
    try {
      h(copyValue(value));
    } catch (e) {
      throw handlerError('debug handler', e);
    }
  }
}
