import { EXT_OP_PREFIX, ExtOp, Op } from '../opcodes.ts';
import { operand, type Operand } from './data.ts';
import { AmlEncodeError } from './errors.ts';
import { type AmlNode, encodeAll } from './node.ts';
import type { AmlWriter } from './writer.ts';

// ACPI 6.5 §20.2.5.3 DefIfElse := IfOp PkgLength Predicate TermList DefElse
//   DefElse := Nothing | <ElseOp PkgLength TermList>
// An ElseIf is an Else whose body is a single If, exactly as iasl and QEMU emit it.
export class If implements AmlNode {
  readonly predicate: AmlNode;
  constructor(
    predicate: Operand,
    readonly body: readonly AmlNode[],
    readonly elseBody?: readonly AmlNode[],
  ) {
    this.predicate = operand(predicate);
  }
  encode(w: AmlWriter): void {
    w.u8(Op.IF).pkg((b) => {
      this.predicate.encode(b);
      encodeAll(b, this.body);
    });
    if (this.elseBody) {
      const elseBody = this.elseBody;
      w.u8(Op.ELSE).pkg((b) => encodeAll(b, elseBody));
    }
  }
}

// ACPI 6.5 §20.2.5.3 DefWhile := WhileOp PkgLength Predicate TermList
export class While implements AmlNode {
  readonly predicate: AmlNode;
  constructor(
    predicate: Operand,
    readonly body: readonly AmlNode[],
  ) {
    this.predicate = operand(predicate);
  }
  encode(w: AmlWriter): void {
    w.u8(Op.WHILE).pkg((b) => {
      this.predicate.encode(b);
      encodeAll(b, this.body);
    });
  }
}

// ACPI 6.5 §20.2.5.3 DefReturn := ReturnOp ArgObject
export class Return implements AmlNode {
  readonly value: AmlNode;
  constructor(value: Operand) {
    this.value = operand(value);
  }
  encode(w: AmlWriter): void {
    w.u8(Op.RETURN);
    this.value.encode(w);
  }
}

class Simple implements AmlNode {
  constructor(private readonly op: number) {}
  encode(w: AmlWriter): void {
    w.u8(this.op);
  }
}

export const Break: AmlNode = new Simple(Op.BREAK);
export const Continue: AmlNode = new Simple(Op.CONTINUE);
export const Noop: AmlNode = new Simple(Op.NOOP);
export const BreakPoint: AmlNode = new Simple(Op.BREAK_POINT);

// ACPI 6.5 §20.2.5.3 DefFatal := ExtOpPrefix FatalOp FatalType(ByteData) FatalCode(DWordData) FatalArg
export class Fatal implements AmlNode {
  readonly arg: AmlNode;
  constructor(
    readonly type: number,
    readonly code: number,
    arg: Operand,
  ) {
    if (!Number.isInteger(type) || type < 0 || type > 0xff) throw new AmlEncodeError('out-of-range', `Fatal type ${type} is not a byte`);
    if (!Number.isInteger(code) || code < 0 || code > 0xffffffff) throw new AmlEncodeError('out-of-range', `Fatal code ${code} is not a dword`);
    this.arg = operand(arg);
  }
  encode(w: AmlWriter): void {
    w.u8(EXT_OP_PREFIX).u8(ExtOp.FATAL).u8(this.type).u32(this.code);
    this.arg.encode(w);
  }
}
