// Runs of `If (LEqual (ArgN|LocalN, constant)) { ... }` without Else, read
// straight from the bytes: QEMU's CTFY has one per CPU (4096 at q35's limit),
// and the interpreter dispatches such a run by value (src/aml/interp/if-chain.ts),
// running one body per call. So a loader's decoder reads each If's predicate and
// leaves its body for the first time it runs, instead of decoding thousands of
// bodies before the first call. The shape tested here is the one the interpreter
// dispatches: both must agree, or a run would be compiled If by If with bodies
// decoded then (correct, only slower).
import { EXT_OP_PREFIX, Op, OPCODES } from '../opcodes.ts';
import type { OpTerm, Term } from './ast.ts';
import { DECLARE } from './declarations.ts';
import { AmlError } from './errors.ts';
import { isNameStart, readNameString } from './name-string.ts';
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

/**
 * Bytes [start, end) if they are exactly `Notify (NameString, ArgN|LocalN)`, each
 * body of QEMU's CTFY, as the decoder's term() reads them (the same terms); else
 * undefined, malformed bytes included, for the decoder. A run's bodies are
 * decoded one by one as their values first come (4096 in a scan of every CPU):
 * this form read directly spares each the general path (a reader, the
 * declarations reset, the opcode table, position checks).
 */
export function loneNotifyAt(bytes: Uint8Array, start: number, end: number): OpTerm | undefined {
  if (bytes[start] !== Op.NOTIFY) return undefined;
  const r = new AmlReader(bytes, start + 1, end);
  try {
    if (!isNameStart(r.peek())) return undefined;
    const nameAt = r.pos;
    const name = readNameString(r);
    const valueAt = r.pos;
    if (valueAt + 1 !== end) return undefined;
    const v = bytes[valueAt]!;
    let value: Term;
    if (v >= Op.ARG0 && v <= Op.ARG0 + 6) value = { t: 'arg', index: v - Op.ARG0, offset: valueAt };
    else if (v >= Op.LOCAL0 && v <= Op.LOCAL0 + 7) value = { t: 'local', index: v - Op.LOCAL0, offset: valueAt };
    else return undefined;
    return { t: 'op', op: 'Notify', args: [{ k: 'term', term: { t: 'name', name, offset: nameAt } }, { k: 'term', term: value }], offset: start };
  } catch (e) {
    if (e instanceof AmlError) return undefined;
    throw e;
  }
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
