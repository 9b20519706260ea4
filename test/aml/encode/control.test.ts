// Control flow (src/aml/encode/control.ts): If/Else, While, Return, Break,
// Continue, Noop, BreakPoint and Fatal. Expected bytes come from iasl 20200925;
// each statement sits in a 7-argument method whose locals are initialized first.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Break, BreakPoint, Continue, Fatal, If, Increment, LEqual, LLess, Noop, Return, While, Zero, arg, local, toBytes,
} from '../../../src/aml/encode/index.ts';
import { assertBytes, assertEncodeError } from './helpers.ts';

const noops = (n: number) => Array.from({ length: n }, () => Noop);

describe('If', () => {
  // ASL (in a method): If (Arg0) { Noop }
  test('a predicate and a body', () => {
    assertBytes(new If(arg(0), [Noop]), [
      0xa0, // IfOp
      0x03, // PkgLength 3
      0x68, // Predicate: Arg0
      0xa3, // Noop
    ]);
  });

  // ASL (in a method): If (LEqual (Arg0, One)) { Return (One) } Else { Return (0x02) }
  test('an else body follows as ElseOp PkgLength TermList', () => {
    assertBytes(new If(LEqual(arg(0), 1), [new Return(1)], [new Return(2)]), [
      0xa0, // IfOp
      0x06, // PkgLength 6
      0x93, 0x68, 0x01, // LEqual (Arg0, One)
      0xa4, 0x01, // Return (One)
      0xa1, // ElseOp
      0x04, // PkgLength 4
      0xa4, 0x0a, 0x02, // Return (0x02)
    ]);
  });

  // ASL (in a method): If (LEqual (Arg0, One)) { Return (One) }
  //   ElseIf (LLess (Arg0, 0x05)) { Return (0x02) }
  //   Else { Return (0x03) }
  test('ElseIf is an Else whose body is an If', () => {
    const node = new If(LEqual(arg(0), 1), [new Return(1)], [
      new If(LLess(arg(0), 5), [new Return(2)], [new Return(3)]),
    ]);
    assertBytes(node, [
      0xa0, // IfOp
      0x06, // PkgLength 6
      0x93, 0x68, 0x01, // LEqual (Arg0, One)
      0xa4, 0x01, // Return (One)
      0xa1, // ElseOp
      0x0f, // PkgLength 15
      0xa0, // IfOp
      0x08, // PkgLength 8
      0x95, 0x68, 0x0a, 0x05, // LLess (Arg0, 0x05)
      0xa4, 0x0a, 0x02, // Return (0x02)
      0xa1, // ElseOp
      0x04, // PkgLength 4
      0xa4, 0x0a, 0x03, // Return (0x03)
    ]);
  });

  // ASL (in a method): If (Arg0) { Noop } Else {}
  test('an empty else body is still written', () => {
    assertBytes(new If(arg(0), [Noop], []), [
      0xa0, // IfOp
      0x03, // PkgLength 3
      0x68, // Arg0
      0xa3, // Noop
      0xa1, // ElseOp
      0x01, // PkgLength 1
    ]);
  });

  test('without an else body no ElseOp is written', () => {
    assert.equal(toBytes(new If(arg(0), [])).includes(0xa1), false);
  });

  // ASL (in a method): If (Arg1) {}
  test('an empty body', () => {
    assertBytes(new If(arg(1), []), [
      0xa0, // IfOp
      0x02, // PkgLength 2
      0x69, // Arg1
    ]);
  });

  // ASL (in a method): If (One) { Noop }
  test('a number predicate becomes an Integer', () => {
    assertBytes(new If(1, [Noop]), [
      0xa0, // IfOp
      0x03, // PkgLength 3
      0x01, // OneOp
      0xa3, // Noop
    ]);
  });

  // ASL (in a method): If (Arg0) {
  //   Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop
  //   Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop
  //   Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop
  //   Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop
  //   }
  test('a 62-byte body (predicate + 61 Noops) keeps a one-byte PkgLength', () => {
    assertBytes(new If(arg(0), noops(61)), [
      0xa0, // IfOp
      0x3f, // PkgLength 63
      0x68, // Arg0
      ...noops(61).map(() => 0xa3), // Noop x61
    ]);
  });

  // ASL (in a method): If (Arg0) {
  //   Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop
  //   Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop
  //   Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop
  //   Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop Noop
  //   }
  test('a 63-byte body (predicate + 62 Noops) takes a two-byte PkgLength', () => {
    assertBytes(new If(arg(0), noops(62)), [
      0xa0, // IfOp
      0x41, 0x04, // PkgLength 0x41 (63 + 2)
      0x68, // Arg0
      ...noops(62).map(() => 0xa3), // Noop x62
    ]);
  });
});

describe('While', () => {
  // ASL (in a method): While (LLess (Local0, 0x0A)) {
  //   Local0++
  //   If (LEqual (Local0, 0x05)) { Break }
  //   Continue
  //   }
  test('a loop with Break and Continue', () => {
    const node = new While(LLess(local(0), 10), [
      Increment(local(0)),
      new If(LEqual(local(0), 5), [Break]),
      Continue,
    ]);
    assertBytes(node, [
      0xa2, // WhileOp
      0x0f, // PkgLength 15
      0x95, 0x60, 0x0a, 0x0a, // LLess (Local0, 0x0A)
      0x75, 0x60, // Increment (Local0)
      0xa0, // IfOp
      0x06, // PkgLength 6
      0x93, 0x60, 0x0a, 0x05, // LEqual (Local0, 0x05)
      0xa5, // Break
      0x9f, // Continue
    ]);
  });

  // ASL (in a method): While (Arg2) { Continue }
  test('a loop on an argument', () => {
    assertBytes(new While(arg(2), [Continue]), [
      0xa2, // WhileOp
      0x03, // PkgLength 3
      0x6a, // Arg2
      0x9f, // Continue
    ]);
  });
});

describe('Return', () => {
  // ASL (in a method): Return (Local0)
  test('a returned local', () => {
    assertBytes(new Return(local(0)), [
      0xa4, // ReturnOp
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Return (0x0F)
  test('a returned number', () => {
    assertBytes(new Return(0x0f), [
      0xa4, // ReturnOp
      0x0a, 0x0f, // BytePrefix 0x0F
    ]);
  });

  // ASL (in a method): Return ()
  test('an empty ASL Return is Return (Zero)', () => {
    assertBytes(new Return(Zero), [
      0xa4, // ReturnOp
      0x00, // ZeroOp
    ]);
  });
});

describe('one-byte statements', () => {
  // ASL (in a method): While (Arg0) { Break }
  test('Break is BreakOp', () => {
    assertBytes(new While(arg(0), [Break]), [
      0xa2, 0x03, 0x68, // While (Arg0), PkgLength 3
      0xa5, // BreakOp
    ]);
  });

  // ASL (in a method): While (Arg0) { Continue }
  test('Continue is ContinueOp', () => {
    assertBytes(new While(arg(0), [Continue]), [
      0xa2, 0x03, 0x68, // While (Arg0), PkgLength 3
      0x9f, // ContinueOp
    ]);
  });

  // ASL (in a method): Noop
  test('Noop is NoopOp', () => {
    assertBytes(Noop, [0xa3]); // NoopOp
  });

  // ASL (in a method): BreakPoint
  test('BreakPoint is BreakPointOp', () => {
    assertBytes(BreakPoint, [0xcc]); // BreakPointOp
  });
});

describe('Fatal', () => {
  // ASL (in a method): Fatal (0xAB, 0xDEADBEEF, Arg3)
  test('type byte, code dword, then the argument', () => {
    assertBytes(new Fatal(0xab, 0xdeadbeef, arg(3)), [
      0x5b, 0x32, // FatalOp
      0xab, // FatalType
      0xef, 0xbe, 0xad, 0xde, // FatalCode 0xDEADBEEF
      0x6b, // FatalArg: Arg3
    ]);
  });

  // ASL (in a method): Fatal (0x01, 0x00000000, Zero)
  test('a zero code is still a full dword', () => {
    assertBytes(new Fatal(1, 0, 0), [
      0x5b, 0x32, // FatalOp
      0x01, // FatalType
      0x00, 0x00, 0x00, 0x00, // FatalCode
      0x00, // FatalArg: ZeroOp
    ]);
  });

  test('a type of 256 throws out-of-range', () => {
    assertEncodeError(() => new Fatal(256, 0, 0), 'out-of-range');
  });

  test('a code of 2^32 throws out-of-range', () => {
    assertEncodeError(() => new Fatal(0, 2 ** 32, 0), 'out-of-range');
  });
});
