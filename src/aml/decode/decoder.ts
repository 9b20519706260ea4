// The term decoder: AML bytes → Term trees, driven by the opcode table in
// src/aml/opcodes.ts. Recursive descent, bounded: every read is checked against the
// enclosing package, and nesting deeper than MAX_NESTING is a decode error, so no
// input can make it overflow the host stack or loop.
import { EXT_OP_PREFIX, NameChar, Op, OPCODE_BY_VALUE, type OpcodeInfo, type OperandKind, type OpName } from '../opcodes.ts';
import type { BodyDecoder, FieldElement, MethodBody, Operand, OpTerm, Statements, Term } from './ast.ts';
import { DECLARE, Declarations, type Declare } from './declarations.ts';
import { asDecodeError, decodeError } from './errors.ts';
import { chainRunAt, loneNotifyIn, loneNotifyTerm, type ChainIfBytes } from './if-chain-run.ts';
import { absoluteSegs, isNameStart, readNameString, type NameString } from './name-string.ts';
import { AmlReader } from './reader.ts';

/** Deepest term nesting accepted; iasl output for real firmware stays far below it. */
export const MAX_NESTING = 200;

/** The If, its LEqual and the LEqual's operands: the nesting term() would have counted for a chain If's predicate. */
const CHAIN_IF_DEPTH = 3;

/** Where a term stands, which decides what may appear there. */
type Position = 'statement' | 'termarg' | 'supername' | 'target' | 'simplename' | 'element';

/** The operands that end a package: they read to `end` instead of a fixed size. */
const TO_END = new Set<OperandKind>(['TermList', 'FieldList', 'ByteList', 'PackageElementList']);

/** Objects that open a scope for the terms inside them, and whose TermList runs there (a loader enters them). */
export const SCOPES: ReadonlySet<OpName> = new Set<OpName>(['Scope', 'Device', 'Processor', 'PowerResource', 'ThermalZone']);

type Info = OpcodeInfo & { readonly name: OpName };

/** What the decoder asks of an opcode on every term, worked out once per opcode. */
interface Decoding {
  readonly info: Info;
  /** It ends with a list read to the end of its package (TO_END). */
  readonly toEnd: boolean;
  /** Its NameString opens the scope of what follows (SCOPES, and Method). */
  readonly opensScope: boolean;
  /** A term with no operand objects (a constant, LocalN, ArgN, Debug), or NOT_LEAF. */
  readonly leaf: Leaf;
  /** What it declares, recorded so later calls to it decode right (DECLARE), if anything. */
  readonly declare: Declare | undefined;
}

/** The terms opTerm() builds without operands: a number, not a name, to switch on. */
const enum Leaf { NOT_LEAF, ZERO, ONE, ONES, BYTE, WORD, DWORD, QWORD, STRING, DEBUG, LOCAL, ARG, ELSE }

const LEAVES: Partial<Record<OpName, Leaf>> = {
  Zero: Leaf.ZERO, One: Leaf.ONE, Ones: Leaf.ONES, Byte: Leaf.BYTE, Word: Leaf.WORD, DWord: Leaf.DWORD,
  QWord: Leaf.QWORD, String: Leaf.STRING, Debug: Leaf.DEBUG, Else: Leaf.ELSE,
};

/** One-byte opcodes by value, and the ExtOpPrefix ones by their second byte: arrays, not a Map, on the hot path. */
const PRIMARY: (Decoding | undefined)[] = new Array<Decoding | undefined>(256).fill(undefined);
const EXTENDED: (Decoding | undefined)[] = new Array<Decoding | undefined>(256).fill(undefined);
for (const [code, info] of OPCODE_BY_VALUE) {
  const leaf = info.class === 'local' ? Leaf.LOCAL : info.class === 'arg' ? Leaf.ARG : LEAVES[info.name] ?? Leaf.NOT_LEAF;
  const d: Decoding = {
    info, toEnd: info.decode.some((k) => TO_END.has(k)), opensScope: SCOPES.has(info.name) || info.name === 'Method', leaf, declare: DECLARE[info.name],
  };
  if (code >> 8 === EXT_OP_PREFIX) EXTENDED[code & 0xff] = d;
  else if (code < 256) PRIMARY[code] = d;
}

/** statementDepth when every declaration is recorded (a list or body decoded whole). */
const RECORD_ALL = -1;

export class Decoder implements BodyDecoder {
  private depth = 0;
  /**
   * While statements() reads a list one statement at a time, the depth of the
   * statement being read: a declaration at that depth is not recorded, since it
   * will have run (and be in the namespace) before the next statement is read.
   */
  private statementDepth = RECORD_ALL;
  /** Method bodies met in the first pass, decoded by decodeDeferred() (eager decoding only). */
  readonly deferred: MethodBody[] = [];

  constructor(
    readonly bytes: Uint8Array,
    readonly decls: Declarations,
    /**
     * Lazy (the loader's mode, openDefinitionBlock): the lists of methods and of
     * scope-like objects are left for decodeBody() or statements(), on first use,
     * as ACPICA parses a table while it runs it; eager (decodeDefinitionBlock, the
     * disassembler's mode): decodeDeferred() decodes every method body after the
     * first pass.
     */
    private readonly lazy = false,
  ) {}

  /** Decodes bytes [start, end) as a TermList in `scope`. */
  termList(start: number, end: number, scope: readonly string[]): Term[] {
    const r = new AmlReader(this.bytes, start, end);
    return this.readTermList(r, end, scope);
  }

  /** Second pass: decodes every queued method body. */
  decodeDeferred(): void {
    // Bodies may declare methods of their own (rare), which queue more bodies.
    for (let i = 0; i < this.deferred.length; i++) {
      const body = this.deferred[i]!;
      this.depth = body.nesting;
      body.terms = this.termList(body.start, body.end, body.scope);
    }
  }

  /**
   * A deferred list's terms, decoded whole now: the namespace (the lookup) knows
   * what has run, and the list's own declarations are recorded as they are read.
   */
  decodeBody(body: MethodBody): readonly Term[] {
    // The Notify and its two operands nest two below the list, as term() would count them.
    const notify = body.nesting + 2 <= MAX_NESTING ? loneNotifyIn(this.bytes, body.start, body.end) : undefined;
    if (notify) return [loneNotifyTerm(notify)];
    this.depth = body.nesting;
    this.statementDepth = RECORD_ALL;
    this.decls.forgetLocal();
    try {
      return this.termList(body.start, body.end, body.scope);
    } catch (e) {
      throw asDecodeError(e);
    } finally {
      this.depth = 0;
      this.decls.forgetLocal();
    }
  }

  /**
   * A list read one statement at a time, each decoded when asked, after the ones
   * before it have run: as ACPICA's loader parses a table while it executes it.
   * Names a statement declares at its own level are then in the namespace; only
   * those nested in it (an If's body) are recorded, for the rest of it.
   */
  statements(start: number, end: number, scope: readonly string[], nesting: number): Statements {
    const r = new AmlReader(this.bytes, start, end);
    return {
      next: () => {
        if (r.pos >= end) return undefined;
        this.depth = nesting;
        this.statementDepth = nesting + 1;
        this.decls.forgetLocal();
        try {
          return this.term(r, 'statement', scope);
        } catch (e) {
          throw asDecodeError(e);
        } finally {
          this.depth = 0;
          this.statementDepth = RECORD_ALL;
        }
      },
    };
  }

  private readTermList(r: AmlReader, end: number, scope: readonly string[]): Term[] {
    const saved = r.end;
    r.end = end;
    const out: Term[] = [];
    while (r.pos < end) {
      const run = this.lazy && r.bytes[r.pos] === Op.IF && this.depth + CHAIN_IF_DEPTH <= MAX_NESTING ? chainRunAt(r.bytes, r.pos, end) : undefined;
      if (run) {
        for (const c of run) out.push(this.chainIf(c, scope));
        r.pos = run[run.length - 1]!.end;
      } else {
        out.push(this.term(r, 'statement', scope));
      }
    }
    r.end = saved;
    return out;
  }

  /**
   * An If of a dispatchable run (if-chain-run.ts), as term() would decode it,
   * except that its body is left for its first run (a CTFY call runs one of thousands).
   */
  private chainIf(c: ChainIfBytes, scope: readonly string[]): OpTerm {
    const predicateAt = c.constantAt - 2;
    const slotAt = c.constantAt - 1;
    const slot: Term = c.slot >= Op.ARG0
      ? { t: 'arg', index: c.slot - Op.ARG0, offset: slotAt }
      : { t: 'local', index: c.slot - Op.LOCAL0, offset: slotAt };
    const constant: Term = { t: 'int', value: c.key, offset: c.constantAt };
    const predicate: Term = { t: 'op', op: 'LEqual', args: [{ k: 'term', term: slot }, { k: 'term', term: constant }], offset: predicateAt };
    // The body's statements sit two levels below the list: under the If, then in its TermList.
    const body: MethodBody = { k: 'body', start: c.bodyStart, end: c.end, scope, nesting: this.depth + 1, terms: undefined, decoder: this, mayDeclare: false };
    return { t: 'op', op: 'If', args: [{ k: 'pkg', end: c.end }, { k: 'term', term: predicate }, body], offset: c.offset };
  }

  // ACPI 6.5 §20.2.5
  //   TermObj := Object | StatementOpcode | ExpressionOpcode
  //   TermArg := ExpressionOpcode | DataObject | ArgObj | LocalObj
  //   SuperName := SimpleName | DebugObj | ReferenceTypeOpcode
  //   Target := SuperName | NullName
  private term(r: AmlReader, pos: Position, scope: readonly string[]): Term {
    const offset = r.pos;
    if (++this.depth > MAX_NESTING) throw decodeError(offset, `terms nested deeper than ${MAX_NESTING}`);
    try {
      const b = r.peek();
      if (b === NameChar.NULL_NAME && pos === 'target') {
        r.pos++;
        return { t: 'null', offset };
      }
      if (isNameStart(b)) return this.nameTerm(r, pos, scope, offset);
      r.pos++;
      let d: Decoding | undefined;
      if (b === EXT_OP_PREFIX) {
        const e = r.u8('extended opcode');
        d = EXTENDED[e];
        if (!d) throw decodeError(offset, `invalid opcode 0x${((EXT_OP_PREFIX << 8) | e).toString(16)}`);
      } else {
        d = PRIMARY[b];
        if (!d) throw decodeError(offset, `invalid opcode 0x${b.toString(16)}`);
      }
      this.checkPosition(d.info, pos, offset);
      return this.opTerm(r, d, scope, offset);
    } finally {
      this.depth--;
    }
  }

  private checkPosition(info: OpcodeInfo, pos: Position, offset: number): void {
    const c = info.class;
    let ok: boolean;
    switch (pos) {
      case 'statement': ok = c !== 'prefix'; break;
      case 'termarg': ok = c === 'data' || c === 'expression' || c === 'local' || c === 'arg'; break;
      // ACPICA accepts any expression as a SuperName and fails at run time if it
      // yields no reference; so do we (RefOf/DerefOf/Index are the usual ones).
      case 'supername':
      case 'target': ok = c === 'local' || c === 'arg' || c === 'debug' || c === 'expression'; break;
      case 'simplename': ok = c === 'local' || c === 'arg'; break;
      case 'element': ok = c === 'data'; break;
    }
    if (!ok) throw decodeError(offset, `${info.name} cannot stand where a ${pos} is expected`);
  }

  /** A NameString: a method call in value positions if the name is a known method. */
  private nameTerm(r: AmlReader, pos: Position, scope: readonly string[], offset: number): Term {
    const name = readNameString(r);
    if (pos === 'statement' || pos === 'termarg') {
      const argc = this.decls.methodArgs(scope, name);
      if (argc !== undefined) {
        const args: Term[] = [];
        for (let i = 0; i < argc; i++) args.push(this.term(r, 'termarg', scope));
        return { t: 'call', name, args, offset };
      }
    }
    return { t: 'name', name, offset };
  }

  private opTerm(r: AmlReader, d: Decoding, scope: readonly string[], offset: number): Term {
    const info = d.info;
    switch (d.leaf) {
      case Leaf.NOT_LEAF: break;
      case Leaf.ZERO: return { t: 'int', value: 0n, offset };
      case Leaf.ONE: return { t: 'int', value: 1n, offset };
      case Leaf.ONES: return { t: 'ones', offset };
      case Leaf.BYTE: return { t: 'int', value: BigInt(r.u8()), offset };
      case Leaf.WORD: return { t: 'int', value: BigInt(r.u16()), offset };
      case Leaf.DWORD: return { t: 'int', value: BigInt(r.u32()), offset };
      case Leaf.QWORD: return { t: 'int', value: r.u64(), offset };
      case Leaf.STRING: return { t: 'string', value: r.asciiz(), offset };
      case Leaf.DEBUG: return { t: 'debug', offset };
      case Leaf.LOCAL: return { t: 'local', index: info.op - Op.LOCAL0, offset };
      case Leaf.ARG: return { t: 'arg', index: info.op - Op.ARG0, offset };
      case Leaf.ELSE: throw decodeError(offset, 'Else without a preceding If');
    }

    const saved = r.end;
    const args: Operand[] = [];
    let inner = scope;
    const kinds = info.decode;
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[k]!;
      if (kind === 'PkgLength') {
        const end = r.pkgEnd();
        r.end = end;
        args.push({ k: 'pkg', end });
        continue;
      }
      if (kind === 'TermList' && d.opensScope && (this.lazy || info.name === 'Method')) {
        if (info.name === 'Method' && args.length !== 3) throw decodeError(offset, 'malformed Method');
        args.push(this.deferList(r, inner));
        continue;
      }
      args.push(this.operand(r, kind, inner, info.name, args));
      // After its NameString, a scope-like object's TermList is decoded inside it.
      if (kind === 'NameString' && d.opensScope && args.length === 2) {
        inner = this.resolveScope(scope, (args[1] as { name: NameString }).name, offset);
      }
    }
    if (d.toEnd && r.pos !== r.end) {
      throw decodeError(r.pos, `${info.name} has ${r.end - r.pos} bytes left over`);
    }
    r.end = saved;
    // A declaration at the level of a statement read alone has run (it is in the
    // namespace) before the next one is read; an External creates nothing, so it is kept.
    if (d.declare && (this.depth > this.statementDepth || info.name === 'External')) d.declare(this.decls, args, scope, inner);
    // DefIfElse: an Else directly after the If belongs to it.
    if (info.name === 'If' && r.pos < r.end && r.bytes[r.pos] === Op.ELSE) {
      const elseAt = r.pos++;
      const end = r.pkgEnd();
      args.push({ k: 'terms', terms: this.readTermList(r, end, scope) });
      if (r.pos !== end) throw decodeError(elseAt, 'Else package overrun');
    }
    return { t: 'op', op: info.name, args, offset };
  }

  private operand(r: AmlReader, kind: OperandKind, scope: readonly string[], op: OpName, args: Operand[]): Operand {
    switch (kind) {
      case 'NameString': return { k: 'name', name: readNameString(r) };
      case 'ByteData': return { k: 'num', value: r.u8() };
      case 'WordData': return { k: 'num', value: r.u16() };
      case 'DWordData': return { k: 'num', value: r.u32() };
      case 'QWordData': return { k: 'qword', value: r.u64() };
      case 'AsciiZ': return { k: 'string', value: r.asciiz() };
      case 'TermArg': return { k: 'term', term: this.term(r, 'termarg', scope) };
      case 'SuperName': return { k: 'term', term: this.term(r, 'supername', scope) };
      case 'Target': return { k: 'term', term: this.term(r, 'target', scope) };
      case 'SimpleName': return { k: 'term', term: this.term(r, 'simplename', scope) };
      case 'TermList': return { k: 'terms', terms: this.readTermList(r, r.end, scope) };
      case 'PackageElementList': return { k: 'terms', terms: this.elements(r, scope) };
      case 'ByteList': {
        const bytes = r.bytes.slice(r.pos, r.end);
        r.pos = r.end;
        return { k: 'bytes', bytes };
      }
      case 'FieldList': return { k: 'fields', fields: this.fieldList(r, scope) };
      case 'PkgLength': throw new Error(`unreachable: PkgLength of ${op} after ${args.length} operands`);
    }
  }

  // PackageElementList := Nothing | <PackageElement PackageElementList>
  // PackageElement := DataRefObject | NameString
  private elements(r: AmlReader, scope: readonly string[]): Term[] {
    const out: Term[] = [];
    while (r.pos < r.end) out.push(this.term(r, 'element', scope));
    return out;
  }

  /**
   * A TermList left for later: a method's body, decoded after the whole table
   * (decodeDeferred) when every method the table declares is known wherever it
   * is declared; or, in the lazy mode, any deferred list, decoded on first use.
   */
  private deferList(r: AmlReader, scope: readonly string[]): MethodBody {
    const start = r.pos;
    const end = r.end;
    r.pos = end;
    const body: MethodBody = { k: 'body', start, end, scope, nesting: this.depth, terms: undefined, decoder: this.lazy ? this : undefined, mayDeclare: true };
    if (!this.lazy) this.deferred.push(body);
    return body;
  }

  private resolveScope(scope: readonly string[], name: NameString, offset: number): readonly string[] {
    const segs = absoluteSegs(scope, name);
    if (!segs) throw decodeError(offset, 'name climbs above the root');
    return segs;
  }

  // FieldList := Nothing | <FieldElement FieldList>
  private fieldList(r: AmlReader, scope: readonly string[]): FieldElement[] {
    const out: FieldElement[] = [];
    while (r.pos < r.end) {
      const offset = r.pos;
      const b = r.u8('FieldElement');
      switch (b) {
        case 0x00: out.push({ k: 'reserved', bits: r.fieldLength() }); break;
        case 0x01: out.push({ k: 'access', accessType: r.u8('AccessType'), attrib: r.u8('AccessAttrib') }); break;
        case 0x02: {
          const at = r.pos;
          const target = r.peek() === Op.BUFFER ? this.term(r, 'element', scope) : { t: 'name' as const, name: readNameString(r), offset: at };
          out.push({ k: 'connect', target });
          break;
        }
        case 0x03: out.push({ k: 'access', accessType: r.u8('AccessType'), attrib: r.u8('AccessAttrib'), length: r.u8('AccessLength') }); break;
        default: {
          r.pos = offset;
          r.need(4, 'NamedField');
          const name = readNameString(r);
          if (name.root || name.parents || name.segs.length !== 1) throw decodeError(offset, 'NamedField needs a NameSeg');
          out.push({ k: 'named', name: name.segs[0]!, bits: r.fieldLength(), offset });
        }
      }
    }
    return out;
  }
}
