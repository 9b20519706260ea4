// The namespace listing behind `cpuhp aml tree`: one line per node, indented by
// depth, with its object type and the detail that identifies it.
import type { Namespace, NamespaceNode } from './namespace.ts';
import { spaceName } from './opregion.ts';
import { assertNever, type NodeObject, typeName } from './types.ts';

const hex = (v: bigint | number) => '0x' + v.toString(16).toUpperCase();
const ACCESS = ['AnyAcc/ByteAcc', 'ByteAcc', 'WordAcc', 'DWordAcc', 'QWordAcc'];

function detail(o: NodeObject): string {
  switch (o.kind) {
    case 'integer': return ` = ${hex(o.value)}`;
    case 'string': return ` = ${JSON.stringify(o.value)}`;
    case 'buffer': return ` [${o.value.length} bytes]`;
    case 'package': return ` [${o.elements.length} elements]`;
    case 'reference': return o.to === 'node' ? ` -> ${o.node.path}` : o.to === 'unresolved' ? ` -> ${o.path} (unresolved)` : '';
    case 'method': return ` (${o.argCount} args${o.serialized ? `, Serialized, SyncLevel ${o.syncLevel}` : ''}${o.native ? ', built in' : ''})`;
    case 'region': return ` ${spaceName(o.space)} ${hex(o.offset)} length ${hex(o.length)}`;
    case 'field': {
      const where = o.backing.via === 'region' ? o.backing.region.node.path : o.backing.via;
      return ` ${where} bit ${o.bitOffset} width ${o.bitLength} ${ACCESS[Math.log2(o.accessBytes) + 1] ?? ''}`.trimEnd();
    }
    case 'buffer-field': return ` bit ${o.bitOffset} width ${o.bitLength}`;
    case 'processor': return ` id ${hex(o.id)}`;
    case 'mutex': return ` SyncLevel ${o.syncLevel}`;
    case 'alias': return ` -> ${o.target.path}`;
    case 'power-resource': return ` SystemLevel ${o.systemLevel}`;
    case 'uninitialized': case 'scope': case 'device': case 'thermal-zone': case 'event':
      return '';
    default: return assertNever(o);
  }
}

export function listNamespace(ns: Namespace, from: NamespaceNode = ns.root): string {
  const lines: string[] = [];
  ns.forEach((node, depth) => {
    const name = node.parent ? node.name : '\\';
    lines.push(`${'  '.repeat(depth)}${name} ${typeName(node.obj)}${detail(node.obj)}`);
  }, from);
  return lines.join('\n') + '\n';
}
