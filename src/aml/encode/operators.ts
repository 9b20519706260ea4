import { EXT_OP_PREFIX, ExtOp, Op } from '../opcodes.ts';
import { operand, type Operand } from './data.ts';
import { AmlEncodeError } from './errors.ts';
import { nameString } from './name.ts';
import { type AmlNode, encodeAll } from './node.ts';
import { NullTarget } from './refs.ts';
import type { AmlWriter } from './writer.ts';

/** An opcode (one byte, or EXT_OP_PREFIX and one byte) followed by operands. */
class OpNode implements AmlNode {
  constructor(
    readonly opcode: readonly number[],
    readonly operands: readonly AmlNode[],
  ) {}
  encode(w: AmlWriter): void {
    for (const b of this.opcode) w.u8(b);
    encodeAll(w, this.operands);
  }
}

const target = (t: AmlNode | undefined): AmlNode => t ?? NullTarget;

// ACPI 6.5 §20.2.5.4 Op Operand Operand Target, e.g.
//   DefAdd := AddOp Operand Operand Target
function binaryOp(op: number) {
  return (a: Operand, b: Operand, t?: AmlNode): AmlNode => new OpNode([op], [operand(a), operand(b), target(t)]);
}
export const Add = binaryOp(Op.ADD);
export const Concatenate = binaryOp(Op.CONCAT);
export const ConcatenateResTemplate = binaryOp(Op.CONCAT_RES);
export const Subtract = binaryOp(Op.SUBTRACT);
export const Multiply = binaryOp(Op.MULTIPLY);
export const ShiftLeft = binaryOp(Op.SHIFT_LEFT);
export const ShiftRight = binaryOp(Op.SHIFT_RIGHT);
export const And = binaryOp(Op.AND);
export const NAnd = binaryOp(Op.NAND);
export const Or = binaryOp(Op.OR);
export const NOr = binaryOp(Op.NOR);
export const XOr = binaryOp(Op.XOR);
export const Mod = binaryOp(Op.MOD);
/** Index(BuffPkgStrObj, IndexValue, Target): a reference to one element. */
export const Index = binaryOp(Op.INDEX);
/** ToString(Buffer, Length, Target). */
export const ToString = binaryOp(Op.TO_STRING);

// ACPI 6.5 §20.2.5.4 Op Operand Target, e.g. DefNot := NotOp Operand Target
function unaryOp(opcode: readonly number[]) {
  return (a: Operand, t?: AmlNode): AmlNode => new OpNode(opcode, [operand(a), target(t)]);
}
export const Not = unaryOp([Op.NOT]);
export const FindSetLeftBit = unaryOp([Op.FIND_SET_LEFT_BIT]);
export const FindSetRightBit = unaryOp([Op.FIND_SET_RIGHT_BIT]);
export const ToBuffer = unaryOp([Op.TO_BUFFER]);
export const ToDecimalString = unaryOp([Op.TO_DECIMAL_STRING]);
export const ToHexString = unaryOp([Op.TO_HEX_STRING]);
export const ToInteger = unaryOp([Op.TO_INTEGER]);
export const ToBCD = unaryOp([EXT_OP_PREFIX, ExtOp.TO_BCD]);
export const FromBCD = unaryOp([EXT_OP_PREFIX, ExtOp.FROM_BCD]);
/** CondRefOf(SuperName, Target): true if the object exists. */
export const CondRefOf = (a: AmlNode, t?: AmlNode): AmlNode => new OpNode([EXT_OP_PREFIX, ExtOp.COND_REF_OF], [a, target(t)]);

// ACPI 6.5 §20.2.5.4 DefDivide := DivideOp Dividend Divisor Remainder Quotient
export const Divide = (a: Operand, b: Operand, remainder?: AmlNode, quotient?: AmlNode): AmlNode =>
  new OpNode([Op.DIVIDE], [operand(a), operand(b), target(remainder), target(quotient)]);

// ACPI 6.5 §20.2.5.4 DefMid := MidOp MidObj TermArg TermArg Target
export const Mid = (src: Operand, index: Operand, length: Operand, t?: AmlNode): AmlNode =>
  new OpNode([Op.MID], [operand(src), operand(index), operand(length), target(t)]);

// ACPI 6.5 §20.2.5.4 logical operators: Op Operand Operand (no target)
function logicalOp(opcode: readonly number[]) {
  return (a: Operand, b: Operand): AmlNode => new OpNode(opcode, [operand(a), operand(b)]);
}
export const LAnd = logicalOp([Op.LAND]);
export const LOr = logicalOp([Op.LOR]);
export const LEqual = logicalOp([Op.LEQUAL]);
export const LGreater = logicalOp([Op.LGREATER]);
export const LLess = logicalOp([Op.LLESS]);
// The negated comparisons have no opcode of their own: LNotOp followed by the positive one.
export const LNotEqual = logicalOp([Op.LNOT, Op.LEQUAL]);
export const LLessEqual = logicalOp([Op.LNOT, Op.LGREATER]);
export const LGreaterEqual = logicalOp([Op.LNOT, Op.LLESS]);
export const LNot = (a: Operand): AmlNode => new OpNode([Op.LNOT], [operand(a)]);

// ACPI 6.5 §20.2.5.4 one-operand terms: DefIncrement := IncrementOp SuperName, ...
function singleOp(opcode: readonly number[]) {
  return (a: Operand): AmlNode => new OpNode(opcode, [operand(a)]);
}
export const Increment = singleOp([Op.INCREMENT]);
export const Decrement = singleOp([Op.DECREMENT]);
export const DerefOf = singleOp([Op.DEREF_OF]);
export const RefOf = singleOp([Op.REF_OF]);
export const SizeOf = singleOp([Op.SIZE_OF]);
export const ObjectType = singleOp([Op.OBJECT_TYPE]);
export const Sleep = singleOp([EXT_OP_PREFIX, ExtOp.SLEEP]);
export const Stall = singleOp([EXT_OP_PREFIX, ExtOp.STALL]);
export const Release = singleOp([EXT_OP_PREFIX, ExtOp.RELEASE]);

// ACPI 6.5 §20.2.5.3 DefStore := StoreOp TermArg SuperName
export const Store = (value: Operand, dest: AmlNode): AmlNode => new OpNode([Op.STORE], [operand(value), dest]);
// ACPI 6.5 §20.2.5.3 DefCopyObject := CopyObjectOp TermArg SimpleName
export const CopyObject = (value: Operand, dest: AmlNode): AmlNode => new OpNode([Op.COPY_OBJECT], [operand(value), dest]);
// ACPI 6.5 §20.2.5.3 DefNotify := NotifyOp NotifyObject NotifyValue
export const Notify = (object: AmlNode, value: Operand): AmlNode => new OpNode([Op.NOTIFY], [object, operand(value)]);

// ACPI 6.5 §20.2.5.4 DefAcquire := ExtOpPrefix AcquireOp MutexObject Timeout(WordData)
export class Acquire implements AmlNode {
  constructor(
    readonly mutex: AmlNode,
    readonly timeout: number,
  ) {
    if (!Number.isInteger(timeout) || timeout < 0 || timeout > 0xffff) {
      throw new AmlEncodeError('out-of-range', `Acquire timeout ${timeout} is not 0..0xFFFF`);
    }
  }
  encode(w: AmlWriter): void {
    w.u8(EXT_OP_PREFIX).u8(ExtOp.ACQUIRE);
    this.mutex.encode(w);
    w.u16(this.timeout);
  }
}

/** ACPI 6.5 §19.6.81 Match operators (MTR, MEQ, MLE, MLT, MGE, MGT). */
export const MatchOp = { MTR: 0, MEQ: 1, MLE: 2, MLT: 3, MGE: 4, MGT: 5 } as const;
export type MatchOpName = keyof typeof MatchOp;

// ACPI 6.5 §20.2.5.4 DefMatch := MatchOp SearchPkg MatchOpcode Operand MatchOpcode Operand StartIndex
export class Match implements AmlNode {
  constructor(
    readonly pkg: AmlNode,
    readonly op1: MatchOpName,
    readonly value1: Operand,
    readonly op2: MatchOpName,
    readonly value2: Operand,
    readonly start: Operand,
  ) {
    [value1, value2, start].forEach(operand); // validate now, not at encode time
  }
  encode(w: AmlWriter): void {
    w.u8(Op.MATCH);
    this.pkg.encode(w);
    w.u8(MatchOp[this.op1]);
    operand(this.value1).encode(w);
    w.u8(MatchOp[this.op2]);
    operand(this.value2).encode(w);
    operand(this.start).encode(w);
  }
}

// ACPI 6.5 §20.2.5.2 DefCreateXxxField := CreateXxxFieldOp SourceBuff ByteIndex NameString
// (CreateBitField takes a bit index instead).
function createFieldOp(op: number) {
  return (source: AmlNode, index: Operand, name: string): AmlNode => {
    const path = nameString(name); // validate now, not at encode time
    return new OpNode([op], [source, operand(index), { encode: (w) => w.bytes(path) }]);
  };
}
export const CreateBitField = createFieldOp(Op.CREATE_BIT_FIELD);
export const CreateByteField = createFieldOp(Op.CREATE_BYTE_FIELD);
export const CreateWordField = createFieldOp(Op.CREATE_WORD_FIELD);
export const CreateDWordField = createFieldOp(Op.CREATE_DWORD_FIELD);
export const CreateQWordField = createFieldOp(Op.CREATE_QWORD_FIELD);
// ACPI 6.5 §20.2.5.2 DefCreateField := ExtOpPrefix CreateFieldOp SourceBuff BitIndex NumBits NameString
export const CreateField = (source: AmlNode, bitIndex: Operand, numBits: Operand, name: string): AmlNode => {
  const path = nameString(name); // validate now, not at encode time
  return new OpNode(
    [EXT_OP_PREFIX, ExtOp.CREATE_FIELD],
    [source, operand(bitIndex), operand(numBits), { encode: (w) => w.bytes(path) }],
  );
};

// ACPI 6.5 §20.2.9 MethodInvocation := NameString TermArgList
export class Call implements AmlNode {
  private readonly path: Uint8Array;
  readonly args: readonly AmlNode[];
  constructor(
    readonly method: string,
    args: readonly Operand[] = [],
  ) {
    this.path = nameString(method);
    if (args.length > 7) throw new AmlEncodeError('bad-argument', `call of ${method} with ${args.length} arguments (at most 7)`);
    this.args = args.map(operand);
  }
  encode(w: AmlWriter): void {
    w.bytes(this.path);
    encodeAll(w, this.args);
  }
}
