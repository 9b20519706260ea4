// The objects every namespace starts with (ACPI 6.5 §5.3.1, §5.7): the root scopes,
// \_OS, \_REV, \_GL and \_OSI, with the values ACPICA gives them.
import type { NamespaceNode } from './namespace.ts';
import { newMutex } from './mutex.ts';
import type { Runtime } from './runtime.ts';
import { type AmlValue, type MethodObject, type NodeObject, int, ZERO } from './types.ts';
import { NamespaceNode as Node } from './namespace.ts';

/** Strings \_OSI answers true for: ACPICA's default list (utosi.c); "Linux" is refused, as Linux does. */
export const OSI_SUPPORTED: ReadonlySet<string> = new Set([
  'Windows 2000', 'Windows 2001', 'Windows 2001 SP1', 'Windows 2001.1', 'Windows 2001 SP2', 'Windows 2001.1 SP1',
  'Windows 2006', 'Windows 2006.1', 'Windows 2006 SP1', 'Windows 2006 SP2', 'Windows 2009', 'Windows 2012',
  'Windows 2013', 'Windows 2015', 'Windows 2016', 'Windows 2017', 'Windows 2017.2', 'Windows 2018',
  'Windows 2018.2', 'Windows 2019', 'Module Device', 'Processor Device', '3.0 Thermal Model',
  '3.0 _SCP Extensions', 'Processor Aggregator Device',
]);

function add(parent: NamespaceNode, name: string, obj: NodeObject): void {
  parent.children.set(name, new Node(name, parent, obj));
}

export function installPredefined(rt: Runtime): void {
  const root = rt.ns.root;
  add(root, '_GPE', { kind: 'scope' });
  add(root, '_PR_', { kind: 'scope' });
  add(root, '_SB_', { kind: 'device' });
  add(root, '_SI_', { kind: 'scope' });
  add(root, '_TZ_', { kind: 'scope' });
  add(root, '_OS_', { kind: 'string', value: 'Microsoft Windows NT' });
  add(root, '_REV', int(2n));
  add(root, '_GL_', newMutex(0, '\\_GL'));
  const osi: MethodObject = {
    kind: 'method', argCount: 1, serialized: false, syncLevel: 0, body: undefined, mutex: undefined,
    compiled: undefined, generation: 0,
    native: (args: readonly AmlValue[]) => {
      const a = args[0];
      return a?.kind === 'string' && OSI_SUPPORTED.has(a.value) ? int(rt.width === 32 ? 0xffffffffn : 0xffffffffffffffffn) : ZERO;
    },
  };
  add(root, '_OSI', osi);
}
