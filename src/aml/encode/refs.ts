import { EXT_OP_PREFIX, ExtOp, NameChar, Op } from '../opcodes.ts';
import { AmlEncodeError } from './errors.ts';
import { nameString } from './name.ts';
import type { AmlNode } from './node.ts';
import type { AmlWriter } from './writer.ts';

/** A reference to a named object by path (a NameString used as a term). */
export class NameRef implements AmlNode {
  private readonly bytes: Uint8Array;

  constructor(readonly path: string) {
    this.bytes = nameString(path);
  }

  encode(w: AmlWriter): void {
    w.bytes(this.bytes);
  }
}

// ACPI 6.5 §20.2.6.2 LocalObj := Local0Op .. Local7Op (0x60-0x67)
export class Local implements AmlNode {
  constructor(readonly index: number) {
    if (!Number.isInteger(index) || index < 0 || index > 7) {
      throw new AmlEncodeError('bad-argument', `Local${index} does not exist (Local0-Local7)`);
    }
  }
  encode(w: AmlWriter): void {
    w.u8(Op.LOCAL0 + this.index);
  }
}

// ACPI 6.5 §20.2.6.1 ArgObj := Arg0Op .. Arg6Op (0x68-0x6E)
export class Arg implements AmlNode {
  constructor(readonly index: number) {
    if (!Number.isInteger(index) || index < 0 || index > 6) {
      throw new AmlEncodeError('bad-argument', `Arg${index} does not exist (Arg0-Arg6)`);
    }
  }
  encode(w: AmlWriter): void {
    w.u8(Op.ARG0 + this.index);
  }
}

class Fixed implements AmlNode {
  constructor(private readonly b: readonly number[]) {}
  encode(w: AmlWriter): void {
    for (const x of this.b) w.u8(x);
  }
}

// ACPI 6.5 §20.2.6.3 DebugObj := DebugOp
export const Debug: AmlNode = new Fixed([EXT_OP_PREFIX, ExtOp.DEBUG]);
/** NullName as a Target: the result is discarded. */
export const NullTarget: AmlNode = new Fixed([NameChar.NULL_NAME]);
// ACPI 6.5 §20.2.3 RevisionOp: the interpreter's revision
export const Revision: AmlNode = new Fixed([EXT_OP_PREFIX, ExtOp.REVISION]);
// ACPI 6.5 §20.2.5.4 TimerOp
export const Timer: AmlNode = new Fixed([EXT_OP_PREFIX, ExtOp.TIMER]);

export const local = (i: number): Local => new Local(i);
export const arg = (i: number): Arg => new Arg(i);
export const name = (path: string): NameRef => new NameRef(path);
