// Runs of `If (LEqual (ArgN|LocalN, constant)) { ... }` without Else, read
// straight from the bytes: QEMU's CTFY has one per CPU (4096 at q35's limit),
// and the interpreter dispatches such a run by value (src/aml/interp/if-chain.ts),
// running one body per call. So a loader's decoder reads each If's predicate and
// leaves its body for the first time it runs, instead of decoding thousands of
// bodies before the first call. The shape tested here is the one the interpreter
// dispatches: both must agree, or a run would be compiled If by If with bodies
// decoded then (correct, only slower).
import { EXT_OP_PREFIX, Op, OPCODES } from '../opcodes.ts';
import type { MethodBody, OpTerm, Term } from './ast.ts';
import { DECLARE } from './declarations.ts';
import { AmlError } from './errors.ts';
import { isNameStart, readNameString, segAt, type NameString } from './name-string.ts';
import { AmlReader } from './reader.ts';

/** Shorter runs gain nothing over testing each predicate. */
export const IF_CHAIN_MIN = 8;

/** One If of a run, as its bytes lay it out. */
export interface ChainIfBytes {
  /** Offset of the IfOp, and of the end of its package. */
  readonly offset: number;
  readonly end: number;
  /** The tested slot's opcode: Local0Op..Local7Op or Arg0Op..Arg6Op. */
  readonly slot: number;
  /** Offset of the constant's opcode, its value, and where the body starts. */
  readonly constantAt: number;
  readonly key: bigint;
  readonly bodyStart: number;
}

/**
 * The If at `at` if it has the run's shape, within `limit`: a well-formed
 * PkgLength, LEqual of a LocalN or ArgN and an integer constant (Zero, One,
 * Byte..QWord: not Ones, whose value depends on the table's width), no Else
 * after it, and a body with no declaring opcode in its bytes. Anything else,
 * malformed bytes included, is left to the decoder.
 */
export function chainIfAt(bytes: Uint8Array, at: number, limit: number): ChainIfBytes | undefined {
  if (at >= limit || bytes[at] !== Op.IF) return undefined;
  // The decoder's own reader: its PkgLength and bounds checks, failing where the decoder would.
  const r = new AmlReader(bytes, at + 1, limit);
  try {
    const end = r.pkgEnd();
    if (end < limit && bytes[end] === Op.ELSE) return undefined;
    r.end = end;
    if (r.u8() !== Op.LEQUAL) return undefined;
    const slot = r.u8();
    if (slot < Op.LOCAL0 || slot > Op.ARG0 + 6) return undefined;
    const constantAt = r.pos;
    let key: bigint;
    switch (r.u8()) {
      case Op.ZERO: key = 0n; break;
      case Op.ONE: key = 1n; break;
      case Op.BYTE_PREFIX: key = BigInt(r.u8()); break;
      case Op.WORD_PREFIX: key = BigInt(r.u16()); break;
      case Op.DWORD_PREFIX: key = BigInt(r.u32()); break;
      case Op.QWORD_PREFIX: key = r.u64(); break;
      default: return undefined;
    }
    // A body that may declare a name is decoded with its method (the declarations it records, and declaredNames, need it); CTFY's never does.
    if (declaringByteIn(bytes, r.pos, end)) return undefined;
    return { offset: at, end, slot, constantAt, key, bodyStart: r.pos };
  } catch (e) {
    // Malformed bytes: left to the decoder, which reports them where it meets them.
    if (e instanceof AmlError) return undefined;
    throw e;
  }
}

/** The longest run of same-slot chain Ifs from `at`, if it is at least IF_CHAIN_MIN long. */
export function chainRunAt(bytes: Uint8Array, at: number, limit: number): ChainIfBytes[] | undefined {
  const first = chainIfAt(bytes, at, limit);
  if (!first) return undefined;
  const run = [first];
  for (let next = chainIfAt(bytes, first.end, limit); next && next.slot === first.slot; next = chainIfAt(bytes, next.end, limit)) run.push(next);
  return run.length >= IF_CHAIN_MIN ? run : undefined;
}

/** A list that is exactly `Notify (NameString, ArgN|LocalN)`: each body of QEMU's CTFY. */
export interface LoneNotify {
  readonly name: NameString;
  /** Offsets of the NotifyOp, the name, and the ArgN or LocalN. */
  readonly at: number;
  readonly nameAt: number;
  readonly valueAt: number;
  readonly slot: 'args' | 'locals';
  readonly index: number;
}

/**
 * Bytes [start, end) read as a LoneNotify, or undefined (malformed bytes
 * included: the decoder reports them). A run's bodies are decoded one by one as
 * their values first come (4096 in a scan of every CPU): this form read directly
 * spares each the general path (a reader, the declarations reset, the opcode
 * table, position checks), and its usual name, one NameSeg, even the reader.
 */
export function loneNotifyIn(bytes: Uint8Array, start: number, end: number): LoneNotify | undefined {
  if (bytes[start] !== Op.NOTIFY) return undefined;
  const nameAt = start + 1;
  if (end - start === 6) {
    const seg = segAt(bytes, nameAt);
    return seg === undefined ? undefined : withSlot(bytes, { root: false, parents: 0, segs: [seg] }, start, nameAt, end - 1);
  }
  const r = new AmlReader(bytes, nameAt, end);
  try {
    if (!isNameStart(r.peek())) return undefined;
    const name = readNameString(r);
    return r.pos + 1 === end ? withSlot(bytes, name, start, nameAt, r.pos) : undefined;
  } catch (e) {
    if (e instanceof AmlError) return undefined;
    throw e;
  }
}

/** The LoneNotify whose value is the ArgN or LocalN at `valueAt`, or undefined for any other byte. */
function withSlot(bytes: Uint8Array, name: NameString, at: number, nameAt: number, valueAt: number): LoneNotify | undefined {
  const op = bytes[valueAt]!;
  if (op >= Op.ARG0 && op <= Op.ARG0 + 6) return { name, at, nameAt, valueAt, slot: 'args', index: op - Op.ARG0 };
  if (op >= Op.LOCAL0 && op <= Op.LOCAL0 + 7) return { name, at, nameAt, valueAt, slot: 'locals', index: op - Op.LOCAL0 };
  return undefined;
}

/** A LoneNotify's terms, as the decoder's term() builds them. */
export function loneNotifyTerm(n: LoneNotify): OpTerm {
  const value: Term = n.slot === 'args' ? { t: 'arg', index: n.index, offset: n.valueAt } : { t: 'local', index: n.index, offset: n.valueAt };
  return { t: 'op', op: 'Notify', args: [{ k: 'term', term: { t: 'name', name: n.name, offset: n.nameAt } }, { k: 'term', term: value }], offset: n.at };
}

/** A deferred list's LoneNotify (a chain body not yet decoded), or undefined. */
export function loneNotifyOf(body: MethodBody): LoneNotify | undefined {
  return body.terms === undefined && body.decoder ? loneNotifyIn(body.decoder.bytes, body.start, body.end) : undefined;
}

/**
 * The first bytes of every opcode that declares a name (DECLARE, declarations.ts:
 * Name, Alias, Method, External, CreateXxxField, and the ExtOpPrefix of Mutex,
 * Device, Field...), as a table indexed by byte. The bytes of names and of the
 * other opcodes AML puts in a body like CTFY's never take these values.
 */
const DECLARING_BYTE = new Uint8Array(256);
for (const o of OPCODES) if (DECLARE[o.name] !== undefined) DECLARING_BYTE[o.op >> 8 === EXT_OP_PREFIX ? EXT_OP_PREFIX : o.op] = 1;

function declaringByteIn(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (DECLARING_BYTE[bytes[i]!] === 1) return true;
  return false;
}
