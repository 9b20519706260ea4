// Named objects (ACPI 6.5 §19.6: Name, Method, Alias, Scope, Device, Processor,
// PowerResource, ThermalZone, Mutex, Event, OperationRegion, DataTableRegion,
// External, CreateXxxField). The same code creates them while a table loads and
// while a method runs; a method's objects are deleted when it returns.
import {
  displayPath, type NameString, operandBody, operandList, operandName, operandNum, operandTerm, type OpName,
  type OpTerm, type Term,
} from '../../decode/index.ts';
import type { Compiler, Exec } from '../compile.ts';
import { asBuffer, toStr } from '../convert.ts';
import { findHostTable } from '../host-tables.ts';
import { AmlError } from '../errors.ts';
import { newEvent, newMutex } from '../mutex.ts';
import { type NamespaceNode, resolveAlias } from '../namespace.ts';
import { createNamed, DATA_TABLE_SPACE } from './declare.ts';
import { Frame, NEXT } from '../runtime.ts';
import { type NodeObject, copyValue } from '../types.ts';
import { FIELDS } from './field.ts';
import { iv } from './util.ts';

type StmtOps = Partial<Record<OpName, (c: Compiler, o: OpTerm) => Exec>>;

const PLACEHOLDER: NodeObject = { kind: 'scope' };

const isLiteral = (t: Term) =>
  t.t === 'int' || t.t === 'ones' || t.t === 'string' ||
  (t.t === 'op' && (t.op === 'Package' || t.op === 'VarPackage' || t.op === 'Buffer'));

/** Scope-like objects: create (or, for Scope, find) the node, then run the body inside it. */
function scoped(make: ((o: OpTerm) => NodeObject) | undefined, bodyIndex: number): (c: Compiler, o: OpTerm) => Exec {
  return (c, o) => {
    const name = operandName(o, 1);
    const body = operandList(o, bodyIndex);
    return (f) => {
      let node: NamespaceNode | undefined;
      if (make) {
        node = createNamed(f, name, make(o));
        // A re-declared Device while loading: its body goes into the first one.
        node ??= f.rt.ns.lookup(f.scope, name);
      } else {
        node = f.rt.ns.lookup(f.scope, name);
        if (!node) throw new AmlError('undefined-reference', `Scope(${displayName(name)}): no such object`);
      }
      if (node) c.runTermList(f, resolveAlias(node), body);
      return NEXT;
    };
  };
}

const displayName = (n: NameString) => (n.root ? displayPath(n.segs) : '^'.repeat(n.parents) + n.segs.join('.'));

/**
 * A statement that creates one object. `make` gives, per run, the operand values
 * (evaluated first: an error there creates nothing) and then the object, which
 * may refer to its own node (a region's path, a mutex's label).
 */
type Maker = (c: Compiler, o: OpTerm) => (f: Frame) => (node: NamespaceNode) => NodeObject;

function creates(nameIndex: number, make: Maker): (c: Compiler, o: OpTerm) => Exec {
  return (c, o) => {
    const name = operandName(o, nameIndex);
    const prepare = make(c, o);
    return (f) => {
      const finish = prepare(f);
      const node = createNamed(f, name, PLACEHOLDER);
      if (node) node.obj = finish(node);
      return NEXT;
    };
  };
}

/** CreateBitField .. CreateQWordField: a fixed-size field at a byte (or bit) index. */
function bufferField(bits: number, indexIsBits: boolean): (c: Compiler, o: OpTerm) => Exec {
  return creates(2, (c, o) => {
    const src = c.expr(operandTerm(o, 0)), at = c.expr(operandTerm(o, 1)), w = c.width;
    return (f) => {
      const buffer = asBuffer(src(f), 'CreateField source');
      const i = iv(at(f), w);
      const bitOffset = indexIsBits ? i : i * 8n;
      const obj = checkedBufferField(buffer, bitOffset, BigInt(bits), false);
      return () => obj;
    };
  });
}

function checkedBufferField(buffer: { kind: 'buffer'; value: Uint8Array }, bitOffset: bigint, bitLength: bigint, isCreateField: boolean): NodeObject {
  if (bitLength === 0n) throw new AmlError('bad-argument', 'CreateField with a length of 0 bits');
  if (bitOffset + bitLength > BigInt(buffer.value.length) * 8n) {
    throw new AmlError('buffer-limit',
      `field at bit ${bitOffset} of ${bitLength} bits is beyond the ${buffer.value.length}-byte buffer`);
  }
  return { kind: 'buffer-field', buffer, bitOffset: Number(bitOffset), bitLength: Number(bitLength), isCreateField };
}

export const NAMED: StmtOps = {
  Name: creates(0, (c, o) => {
    const t = operandTerm(o, 1);
    const v = c.expr(t);
    // Literals evaluate to fresh objects: only a value read from elsewhere needs a copy.
    if (isLiteral(t)) {
      return (f) => {
        const value = v(f);
        return () => value;
      };
    }
    return (f) => {
      const value = copyValue(v(f));
      return () => value;
    };
  }),
  // MethodFlags: bits 0-2 ArgCount, bit 3 SerializeFlag, bits 4-7 SyncLevel.
  Method: creates(1, (_c, o) => {
    const flags = operandNum(o, 2);
    const body = operandBody(o, 3);
    return () => (node) => {
      const serialized = (flags & 8) !== 0;
      const syncLevel = flags >> 4;
      return {
        kind: 'method', argCount: flags & 7, serialized, syncLevel, body, native: undefined,
        mutex: serialized ? newMutex(syncLevel, node) : undefined, compiled: undefined, generation: -1,
      };
    };
  }),
  Alias: creates(1, (_c, o) => {
    const source = operandName(o, 0);
    return (f) => {
      const target = f.rt.ns.lookup(f.scope, source);
      if (!target) throw new AmlError('undefined-reference', `Alias source ${displayName(source)} does not exist`);
      return () => ({ kind: 'alias', target });
    };
  }),
  Mutex: creates(0, (_c, o) => {
    const level = operandNum(o, 1) & 0xf;
    return () => (node) => newMutex(level, node);
  }),
  Event: creates(0, () => () => () => newEvent()),
  OperationRegion: creates(0, (c, o) => {
    const space = operandNum(o, 1), off = c.expr(operandTerm(o, 2)), len = c.expr(operandTerm(o, 3)), w = c.width;
    return (f) => {
      const offset = iv(off(f), w);
      const length = iv(len(f), w);
      return (node) => ({ kind: 'region', space, offset, length, node });
    };
  }),
  // A table of the host's list, found by signature, OEM ID and table ID (empty
  // IDs match any, as ACPICA); its fields read the table's bytes.
  DataTableRegion: creates(0, (c, o) => {
    const args = [1, 2, 3].map((i) => c.expr(operandTerm(o, i))), w = c.width;
    return (f) => {
      const [sig, oemId, tableId] = args.map((a) => toStr(a(f), w)) as [string, string, string];
      const table = findHostTable(f.rt, sig, oemId, tableId);
      if (!table) throw new AmlError('undefined-reference', `DataTableRegion: the host has no table ${sig} "${oemId}" "${tableId}"`);
      const data = table.bytes;
      return (node) => ({ kind: 'region', space: DATA_TABLE_SPACE, offset: 0n, length: BigInt(data.length), node, data });
    };
  }),
  External: () => () => NEXT,
  CreateBitField: bufferField(1, true),
  CreateByteField: bufferField(8, false),
  CreateWordField: bufferField(16, false),
  CreateDWordField: bufferField(32, false),
  CreateQWordField: bufferField(64, false),
  CreateField: creates(3, (c, o) => {
    const src = c.expr(operandTerm(o, 0)), at = c.expr(operandTerm(o, 1)), n = c.expr(operandTerm(o, 2)), w = c.width;
    return (f) => {
      const buffer = asBuffer(src(f), 'CreateField source');
      const bitOffset = iv(at(f), w);
      const obj = checkedBufferField(buffer, bitOffset, iv(n(f), w), true);
      return () => obj;
    };
  }),
  Scope: scoped(undefined, 2),
  Device: scoped(() => ({ kind: 'device' }), 2),
  ThermalZone: scoped(() => ({ kind: 'thermal-zone' }), 2),
  Processor: scoped((o) => ({
    kind: 'processor', id: operandNum(o, 2), pblkAddress: operandNum(o, 3), pblkLength: operandNum(o, 4),
  }), 5),
  PowerResource: scoped((o) => ({ kind: 'power-resource', systemLevel: operandNum(o, 2), resourceOrder: operandNum(o, 3) }), 4),
  ...FIELDS,
};
