// The decoder's output: a tree of terms, one node per AML construct, with the byte
// offset of each in its table so errors can point at the bytes. Operands follow the
// opcode table's `decode` list index for index (src/aml/opcodes.ts OPCODES).
import type { OpName } from '../opcodes.ts';
import type { NameString } from './name-string.ts';

export type Term =
  /** Zero, One, ByteConst .. QWordConst. */
  | { readonly t: 'int'; readonly value: bigint; readonly offset: number }
  /** OnesOp: all ones at the integer width of the namespace (32 or 64 bits). */
  | { readonly t: 'ones'; readonly offset: number }
  | { readonly t: 'string'; readonly value: string; readonly offset: number }
  /** A NameString that is not a method call: a reference, a store target, a package element. */
  | { readonly t: 'name'; readonly name: NameString; readonly offset: number }
  /** A NameString the decoder knew to be a method, with its arguments. */
  | { readonly t: 'call'; readonly name: NameString; readonly args: readonly Term[]; readonly offset: number }
  | { readonly t: 'local'; readonly index: number; readonly offset: number }
  | { readonly t: 'arg'; readonly index: number; readonly offset: number }
  | { readonly t: 'debug'; readonly offset: number }
  /** NullName as a Target: the result is discarded. */
  | { readonly t: 'null'; readonly offset: number }
  | OpTerm;

export interface OpTerm {
  readonly t: 'op';
  readonly op: OpName;
  /** One operand per entry of the opcode's `decode` list (PkgLength included). */
  readonly args: readonly Operand[];
  readonly offset: number;
}

export type Operand =
  | { readonly k: 'pkg'; readonly end: number }
  | { readonly k: 'term'; readonly term: Term }
  | { readonly k: 'name'; readonly name: NameString }
  | { readonly k: 'num'; readonly value: number }
  | { readonly k: 'qword'; readonly value: bigint }
  | { readonly k: 'string'; readonly value: string }
  /** TermList or PackageElementList. */
  | { readonly k: 'terms'; readonly terms: readonly Term[] }
  | { readonly k: 'fields'; readonly fields: readonly FieldElement[] }
  | { readonly k: 'bytes'; readonly bytes: Uint8Array }
  /** A Method's TermList (and, decoded for a loader by openDefinitionBlock, a scope-like object's): its byte range, and its terms once decoded. */
  | MethodBody;

export interface MethodBody {
  readonly k: 'body';
  readonly start: number;
  readonly end: number;
  /** Absolute scope of the list (the method's or object's own path), where its names are looked up. */
  readonly scope: readonly string[];
  /** How deeply the list's opcode was nested: decoding it goes on from there, so MAX_NESTING bounds the whole table. */
  readonly nesting: number;
  terms: readonly Term[] | undefined;
  /** Set when the list was left for its first use (openDefinitionBlock): deferredTerms() or statementsOf() decodes it. */
  readonly decoder: BodyDecoder | undefined;
  /** False when its bytes hold no declaring opcode (a chain If's body, if-chain-run.ts): nothing to decode it for but running it. */
  readonly mayDeclare: boolean;
}

/** What decodes a list left for later: the table's decoder, with its declarations. */
export interface BodyDecoder {
  /** The table's bytes, where the list lies. */
  readonly bytes: Uint8Array;
  /** The list's terms; AmlError('decode-error') for bad bytes, every time it is asked. */
  decodeBody(body: MethodBody): readonly Term[];
  /** The list's statements, each decoded when asked (see Decoder.statements). */
  statements(start: number, end: number, scope: readonly string[], nesting: number): Statements;
}

/** A TermList read one statement at a time: next() decodes the next one, undefined at the end. */
export interface Statements {
  next(): Term | undefined;
}

/** The statements of a list operand (a scope's body): read one by one if left for later, else from its terms. */
export function statementsOf(list: Operand): Statements {
  if (list.k === 'body' && !list.terms && list.decoder) return list.decoder.statements(list.start, list.end, list.scope, list.nesting);
  const terms = listTerms(list);
  let i = 0;
  return { next: () => terms[i++] };
}

/**
 * The terms of a deferred list, decoded now if they were left for later; kept
 * with `keep` (a scope's list, met again by whoever walks the tree), not without
 * (a method's, which its compiled form replaces: decoding it again is cheaper
 * than holding thousands of trees).
 */
export function deferredTerms(body: MethodBody, keep = true): readonly Term[] {
  if (body.terms) return body.terms;
  if (!body.decoder) throw new TypeError('a deferred TermList with no decoder');
  const terms = body.decoder.decodeBody(body);
  if (keep) body.terms = terms;
  return terms;
}

// ACPI 6.5 §20.2.5.2
//   FieldElement := NamedField | ReservedField | AccessField | ExtendedAccessField | ConnectField
export type FieldElement =
  /** NamedField := NameSeg PkgLength (bits) */
  | { readonly k: 'named'; readonly name: string; readonly bits: number; readonly offset: number }
  /** ReservedField := 0x00 PkgLength */
  | { readonly k: 'reserved'; readonly bits: number }
  /** AccessField := 0x01 AccessType AccessAttrib; ExtendedAccessField := 0x03 AccessType ExtendedAccessAttrib AccessLength */
  | { readonly k: 'access'; readonly accessType: number; readonly attrib: number; readonly length?: number }
  /** ConnectField := <0x02 NameString> | <0x02 BufferData> */
  | { readonly k: 'connect'; readonly target: Term };

/** The 36-byte header of every ACPI system description table (ACPI 6.5 §5.2.6). */
export interface TableHeader {
  readonly signature: string;
  readonly length: number;
  readonly revision: number;
  readonly checksum: number;
  /** True if all `length` bytes sum to zero (QEMU's fw_cfg tables carry 0 until the loader fixes them). */
  readonly checksumValid: boolean;
  readonly oemId: string;
  readonly oemTableId: string;
  readonly oemRevision: number;
  readonly creatorId: string;
  readonly creatorRevision: number;
}

/** A decoded DSDT or SSDT: its header and its top-level TermList. */
export interface DefinitionBlock {
  readonly header: TableHeader;
  readonly terms: readonly Term[];
}

/** Typed views of an OpTerm's operands; a mismatch is a decoder bug, so it throws plainly. */
export function operandTerm(o: OpTerm, i: number): Term {
  const a = o.args[i];
  if (a?.k !== 'term') throw new TypeError(`${o.op} operand ${i} is not a term`);
  return a.term;
}
export function operandName(o: OpTerm, i: number): NameString {
  const a = o.args[i];
  if (a?.k !== 'name') throw new TypeError(`${o.op} operand ${i} is not a name`);
  return a.name;
}
export function operandNum(o: OpTerm, i: number): number {
  const a = o.args[i];
  if (a?.k !== 'num') throw new TypeError(`${o.op} operand ${i} is not a number`);
  return a.value;
}
export function operandTerms(o: OpTerm, i: number): readonly Term[] {
  return listTerms(operandList(o, i));
}
/** A TermList operand as it is: its terms, or (a deferred list) its bytes still to decode. */
export function operandList(o: OpTerm, i: number): Operand {
  const a = o.args[i];
  if (a?.k !== 'terms' && a?.k !== 'body') throw new TypeError(`${o.op} operand ${i} is not a term list`);
  return a;
}
/** The terms of a TermList operand, decoded now if it was left for later (and kept with `keep`, as deferredTerms). */
export function listTerms(list: Operand, keep = true): readonly Term[] {
  if (list.k === 'terms') return list.terms;
  if (list.k === 'body') return deferredTerms(list, keep);
  throw new TypeError(`a ${list.k} operand is not a term list`);
}
export function operandFields(o: OpTerm, i: number): readonly FieldElement[] {
  const a = o.args[i];
  if (a?.k !== 'fields') throw new TypeError(`${o.op} operand ${i} is not a field list`);
  return a.fields;
}
export function operandBytes(o: OpTerm, i: number): Uint8Array {
  const a = o.args[i];
  if (a?.k !== 'bytes') throw new TypeError(`${o.op} operand ${i} is not a byte list`);
  return a.bytes;
}
export function operandBody(o: OpTerm, i: number): MethodBody {
  const a = o.args[i];
  if (a?.k !== 'body') throw new TypeError(`${o.op} operand ${i} is not a method body`);
  return a;
}
/** The Else list of an If, if it has one. */
export function elseTerms(o: OpTerm): readonly Term[] | undefined {
  const a = o.args[3];
  return a?.k === 'terms' ? a.terms : undefined;
}
