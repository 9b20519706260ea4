// Loading tables at run time (ACPI 6.5 §19.6.70 Load, §19.6.71 LoadTable,
// §19.6.143 Unload). Load takes the table from an OperationRegion, a
// DataTableRegion, a field unit or a named Buffer; LoadTable finds it in the
// host's table list. Both give a DDBHandle, which Unload takes. The rules follow
// ACPICA 20200925 (exconfig.c) where it agrees with Windows:
// - the table must be an AML table (SSDT, PSDT, OEMx) with a valid checksum, and
//   not already loaded ('already-exists');
// - LoadTable of a table the host does not have gives Zero, not an error;
// - _INI of a dynamically loaded table's devices is not run (OSPM does that);
// - after initialisation, _REG runs for the new table's regions (reg.ts), which
//   ACPICA 20200925 does not do: its regions would otherwise never be told
//   that their space is available.
// Reads of a region for Load are byte-wide and marked `purpose: 'table-load'`.
import { isDefinitionBlock, operandName, operandTerm, readTableHeader, TABLE_HEADER_LENGTH, type OpName, type OpTerm } from '../../decode/index.ts';
import type { Compiler, Eval, Exec } from '../compile.ts';
import { toBytes, toStr } from '../convert.ts';
import { AmlError, typeMismatch } from '../errors.ts';
import { MAX_LOAD_NESTING } from '../limits.ts';
import { readBufferField, readFieldUnit } from '../field-io.ts';
import { addHostTable, findHostTable, type HostTable } from '../host-tables.ts';
import { resolveAlias, type NamespaceNode } from '../namespace.ts';
import { type Frame, NEXT } from '../runtime.ts';
import { storeToNode } from '../store.ts';
import { type AmlReference, type AmlValue, type RegionObject, typeName, ZERO } from '../types.ts';

type ExprOps = Partial<Record<OpName, (c: Compiler, o: OpTerm) => Eval>>;
type StmtOps = Partial<Record<OpName, (c: Compiler, o: OpTerm) => Exec>>;

/** The bytes of a region, read a byte at a time as ACPICA does: the header first, then Length bytes. */
function readRegionTable(f: Frame, region: RegionObject): Uint8Array {
  if (region.data) return region.data;
  if (region.length < BigInt(TABLE_HEADER_LENGTH)) {
    throw new AmlError('region-limit', `Load: region ${region.node.path} is shorter than a table header`);
  }
  const read = (n: number) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Number(f.rt.io.read(region, i, 1, 'table-load'));
    f.rt.tick(Math.ceil(n / 64));
    return out;
  };
  const length = new DataView(read(TABLE_HEADER_LENGTH).buffer).getUint32(4, true);
  if (length < TABLE_HEADER_LENGTH || BigInt(length) > region.length) {
    throw new AmlError('region-limit', `Load: table Length ${length} does not fit region ${region.node.path} (length ${region.length})`);
  }
  if (length > f.rt.limits.tableBytes) {
    throw new AmlError('table-too-large', `Load: a table of ${length} bytes exceeds the limit of ${f.rt.limits.tableBytes} bytes (limits.tableBytes)`);
  }
  return read(length);
}

/** What Load's source names, as table bytes. */
function sourceBytes(f: Frame, node: NamespaceNode): Uint8Array {
  const n = resolveAlias(node);
  const o = n.obj;
  switch (o.kind) {
    case 'region': return readRegionTable(f, o);
    case 'field': return toBytes(readFieldUnit(f.rt, o), f.rt.width);
    case 'buffer-field': return toBytes(readBufferField(f.rt, o, true), f.rt.width);
    case 'buffer': return o.value.slice();
    default: throw typeMismatch(`Load from a ${typeName(o)} (${n.path})`);
  }
}

/** Checks and loads a table at the root, marking it loaded in the host's list. */
function loadDynamic(f: Frame, bytes: Uint8Array, scope: NamespaceNode, known?: HostTable): AmlReference {
  if (bytes.length > f.rt.limits.tableBytes) {
    throw new AmlError('table-too-large', `a table of ${bytes.length} bytes exceeds the limit of ${f.rt.limits.tableBytes} bytes (limits.tableBytes)`);
  }
  const header = readTableHeader(bytes);
  if (!isDefinitionBlock(header.signature) || header.signature === 'DSDT') {
    throw typeMismatch(`Load: a ${header.signature} table is not a secondary definition block`);
  }
  if (!header.checksumValid) throw new AmlError('bad-argument', `Load: table ${header.signature} ${header.oemTableId.trim()} has a bad checksum`);
  const host = known ?? addHostTable(f.rt, bytes);
  if (host.loaded || f.rt.loading.includes(host)) {
    throw new AmlError('already-exists', `table ${header.signature} ${header.oemTableId.trim()} is already loaded`);
  }
  if (f.rt.loading.length >= MAX_LOAD_NESTING) {
    throw new AmlError('call-depth', `a table loading a table ... nests more than ${MAX_LOAD_NESTING} deep (limits.ts MAX_LOAD_NESTING)`);
  }
  f.rt.loading.push(host);
  let table;
  try {
    ({ table } = f.rt.calls.loadTable(f.rt, host.bytes, scope));
  } finally {
    f.rt.loading.pop();
  }
  host.loaded = table;
  // The new table's regions learn that their spaces are available (reg.ts);
  // a failing _REG is noted, as at initialisation, and the Load stands.
  if (f.rt.initialized) {
    for (const r of f.rt.calls.runRegMethods(f.rt, f.rt.ns.root)) f.rt.warnings.push(`${r.path}: ${r.error.message}`);
  }
  return { kind: 'reference', to: 'table', table };
}

function lookupScope(f: Frame, from: NamespaceNode, path: string, what: string): NamespaceNode {
  const n = f.rt.lookupString(from, path);
  if (!n) throw new AmlError('undefined-reference', `LoadTable: ${what} ${path} does not exist`);
  return n;
}

export const TABLE_EXPRESSIONS: ExprOps = {
  Load: (c, o) => {
    const src = c.node(operandName(o, 0));
    const target = c.target(operandTerm(o, 1));
    return (f) => {
      const handle = loadDynamic(f, sourceBytes(f, src(f)), f.rt.ns.root);
      if (target) target(f, handle);
      return handle;
    };
  },
  LoadTable: (c, o) => {
    const args = [0, 1, 2, 3, 4, 5].map((i) => c.expr(operandTerm(o, i))), w = c.width;
    return (f) => {
      const [sig, oemId, oemTableId, rootPath, paramPath] = args.slice(0, 5).map((a) => toStr(a(f), w)) as [string, string, string, string, string];
      const paramData: AmlValue = args[5]!(f);
      if (sig.length !== 4 || oemId.length > 6 || oemTableId.length > 8) {
        throw new AmlError('bad-argument', `LoadTable: signature "${sig}", OEM ID "${oemId}" or table ID "${oemTableId}" has the wrong length`);
      }
      const host = findHostTable(f.rt, sig, oemId, oemTableId);
      if (!host) return ZERO;
      const scope = rootPath === '' ? f.rt.ns.root : lookupScope(f, f.scope, rootPath, 'root path');
      const param = paramPath === '' ? undefined : lookupScope(f, scope, paramPath, 'parameter path');
      const handle = loadDynamic(f, host.bytes, scope, host);
      if (param) storeToNode(f.rt, param, paramData);
      return handle;
    };
  },
};

export const TABLE_STATEMENTS: StmtOps = {
  Unload: (c, o) => {
    const get = c.peek(operandTerm(o, 0));
    return (f) => {
      const { obj } = get(f);
      if (obj.kind !== 'reference' || obj.to !== 'table') throw typeMismatch(`Unload of a ${typeName(obj)}, not a DDBHandle`);
      f.rt.calls.unloadTable(f.rt, obj.table);
      return NEXT;
    };
  },
};
