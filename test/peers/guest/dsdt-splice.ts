// Moving named objects from one DSDT into another, at the byte level: how the real-guest
// tests run cpuhp's CPU hot-plug AML (\_SB.PRES, \_SB.CPUS, the GED) inside the DSDT a
// real QEMU built for the rest of its machine (UART, PCI host, power button...).
//
// Each object keeps its absolute path: its defining term is cut out of the source and
// appended to the target wrapped in Scope(<parent path>), so names inside it resolve as
// before. The target's own definition of the path is cut out; enclosing Scope/Device
// terms that lose a child are re-encoded with their new PkgLength.
import { decodeDefinitionBlock, type NameString, type OpTerm, type Term } from '../../../src/aml/decode/index.ts';
import { nameString, pkgLength } from '../../../src/aml/encode/index.ts';

const HEADER = 36;
/** Root-level scopes that a one-segment Scope() name finds by the namespace search rules (ACPI 6.5 §5.3). */
const ROOT_SCOPES = new Set(['_SB_', '_GPE', '_PR_', '_SI_', '_TZ_']);
/** Named terms whose TermList holds further named objects. */
const CONTAINERS = new Set(['Scope', 'Device', 'Processor', 'PowerResource', 'ThermalZone']);
/** Named terms whose first name operand declares an object. */
const DECLARING = new Set(['Device', 'Method', 'Name', 'Processor', 'Mutex', 'OperationRegion', 'Event', 'PowerResource', 'ThermalZone']);

/** One term of a TermList with the bytes it spans and the absolute path it declares or opens. */
interface Node {
  readonly term: OpTerm;
  readonly start: number;
  readonly end: number;
  readonly path: string;
  readonly parent: string;
  readonly children: readonly Node[];
}

function resolve(scope: readonly string[], n: NameString, isScopeOp: boolean): string[] {
  if (n.root) return [...n.segs];
  const base = scope.slice(0, Math.max(0, scope.length - n.parents));
  if (isScopeOp && n.parents === 0 && n.segs.length === 1 && ROOT_SCOPES.has(n.segs[0]!)) return [...n.segs];
  return [...base, ...n.segs];
}

const fmt = (segs: readonly string[]): string => `\\${segs.map((s) => s.replace(/_+$/, '')).join('.')}`;

/** The named terms of a TermList, with byte spans (a term ends where its sibling starts). */
function nodes(bytes: Uint8Array, terms: readonly Term[], end: number, scope: readonly string[]): Node[] {
  const out: Node[] = [];
  terms.forEach((term, i) => {
    const stop = terms[i + 1]?.offset ?? end;
    if (term.t !== 'op') return;
    const nameArg = term.args.find((a) => a.k === 'name');
    if (!nameArg || nameArg.k !== 'name' || !(CONTAINERS.has(term.op) || DECLARING.has(term.op))) return;
    const segs = resolve(scope, nameArg.name, term.op === 'Scope');
    const pkg = term.args.find((a) => a.k === 'pkg');
    const list = term.args.find((a) => a.k === 'terms');
    const termEnd = pkg?.k === 'pkg' ? pkg.end : stop;
    const children = CONTAINERS.has(term.op) && list?.k === 'terms' ? nodes(bytes, list.terms, termEnd, segs) : [];
    out.push({ term, start: term.offset, end: termEnd, path: fmt(segs), parent: fmt(segs.slice(0, -1)), children });
  });
  return out;
}

function find(list: readonly Node[], path: string): Node | undefined {
  for (const n of list) {
    if (n.path === path && n.term.op !== 'Scope') return n;
    const inner = find(n.children, path);
    if (inner) return inner;
  }
  return undefined;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Bytes of `range` of `bytes` with the spans in `cut` removed, containers re-encoded. */
function rebuild(bytes: Uint8Array, list: readonly Node[], from: number, to: number, cut: ReadonlySet<Node>): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = from;
  for (const n of list) {
    if (n.start < from || n.end > to) continue;
    const inside = (c: Node): boolean => cut.has(c) || c.children.some(inside);
    if (!cut.has(n) && !n.children.some(inside)) continue;
    parts.push(bytes.subarray(at, n.start));
    if (!cut.has(n)) parts.push(container(bytes, n, cut));
    at = n.end;
  }
  parts.push(bytes.subarray(at, to));
  return concat(parts);
}

/** A container term with a changed TermList: opcode, a new PkgLength, the rest as it was. */
function container(bytes: Uint8Array, n: Node, cut: ReadonlySet<Node>): Uint8Array {
  const opLength = bytes[n.start] === 0x5b ? 2 : 1;
  const pkgAt = n.start + opLength;
  const pkgBytes = 1 + (bytes[pkgAt]! >> 6);
  const bodyStart = n.children[0]?.start ?? n.end;
  const head = bytes.subarray(pkgAt + pkgBytes, bodyStart);
  const body = rebuild(bytes, n.children, bodyStart, n.end, cut);
  const length = head.length + body.length;
  return concat([bytes.subarray(n.start, pkgAt), pkgLength(length, true), head, body]);
}

/** The definition of `path` in `table` (its bytes) and its parent scope, or undefined. */
export function definitionOf(table: Uint8Array, path: string): { readonly bytes: Uint8Array; readonly parent: string } | undefined {
  const block = decodeDefinitionBlock(table);
  const n = find(nodes(table, block.terms, block.header.length, []), path);
  return n && { bytes: table.slice(n.start, n.end), parent: n.parent };
}

/**
 * `target` with the objects at `paths` replaced by their definitions in `source`.
 * The header stays the target's (length and checksum fixed); paths missing from
 * either side throw, so a splice never silently keeps the target's object.
 */
export function spliceObjects(target: Uint8Array, source: Uint8Array, paths: readonly string[]): Uint8Array {
  const block = decodeDefinitionBlock(target);
  const tree = nodes(target, block.terms, block.header.length, []);
  const cut = new Set<Node>();
  const added: Uint8Array[] = [];
  for (const path of paths) {
    const old = find(tree, path);
    if (!old) throw new Error(`splice: ${path} is not defined in the target table`);
    const def = definitionOf(source, path);
    if (!def) throw new Error(`splice: ${path} is not defined in the source table`);
    if (old.parent !== def.parent) throw new Error(`splice: ${path} has parent ${old.parent} in the target, ${def.parent} in the source`);
    cut.add(old);
    // ACPI 6.5 §20.2.5.1 DefScope := ScopeOp PkgLength NameString TermList
    const scopeName = nameString(def.parent);
    added.push(concat([Uint8Array.of(0x10), pkgLength(scopeName.length + def.bytes.length, true), scopeName, def.bytes]));
  }
  const body = rebuild(target, tree, HEADER, block.header.length, cut);
  const out = concat([target.subarray(0, HEADER), body, ...added]);
  new DataView(out.buffer).setUint32(4, out.length, true);
  out[9] = 0;
  out[9] = (256 - (out.reduce((s, b) => s + b, 0) & 0xff)) & 0xff;
  return out;
}
