// References (src/aml/encode/refs.ts): NameRef, Local, Arg and the fixed
// objects Debug, NullTarget, Revision and Timer. Expected bytes come from iasl
// 20200925; the statements sit in a method whose locals are initialized first.
//
// iasl shortens references by default (`\INT0` becomes `INT0`, `\_SB.PCI0.S08`
// seen from inside \_SB.PCI0 becomes `^S08`): that saves bytes but is a compiler
// choice. QEMU writes a NameString exactly as given, and so do we; the snippets
// whose bytes depend on it were compiled with `iasl -on`, which keeps references
// as written.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Add, Arg, Debug, Local, NameRef, NullTarget, Revision, Store, Timer, arg, local, name, toBytes,
} from '../../../src/aml/encode/index.ts';
import { assertBytes, assertEncodeError } from './helpers.ts';

describe('NameRef', () => {
  // ASL (in a method): Local0 = INT0
  test('a single segment reference', () => {
    assertBytes(Store(new NameRef('INT0'), local(0)), [
      0x70, // StoreOp
      0x49, 0x4e, 0x54, 0x30, // 'INT0'
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local0 = \INT0
  // Compiled with `iasl -on`: plain iasl drops the RootChar here.
  test('a root reference keeps its RootChar', () => {
    assertBytes(Store(new NameRef('\\INT0'), local(0)), [
      0x70, // StoreOp
      0x5c, // RootChar
      0x49, 0x4e, 0x54, 0x30, // 'INT0'
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local0 = \DEV0._ADR
  // Compiled with `iasl -on`: plain iasl writes DualNamePath DEV0._ADR.
  test('a root dual-segment reference', () => {
    assertBytes(Store(new NameRef('\\DEV0._ADR'), local(0)), [
      0x70, // StoreOp
      0x5c, // RootChar
      0x2e, // DualNamePrefix
      0x44, 0x45, 0x56, 0x30, // 'DEV0'
      0x5f, 0x41, 0x44, 0x52, // '_ADR'
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local0 = \_SB.PCI0.S08._ADR
  // Compiled with `iasl -on`: plain iasl drops the RootChar here.
  test('a root multi-segment reference', () => {
    assertBytes(Store(new NameRef('\\_SB.PCI0.S08._ADR'), local(0)), [
      0x70, // StoreOp
      0x5c, // RootChar
      0x2f, 0x04, // MultiNamePrefix SegCount 4
      0x5f, 0x53, 0x42, 0x5f, // '_SB_'
      0x50, 0x43, 0x49, 0x30, // 'PCI0'
      0x53, 0x30, 0x38, 0x5f, // 'S08_'
      0x5f, 0x41, 0x44, 0x52, // '_ADR'
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local0 = ^INT0
  // Compiled with `iasl -on`: plain iasl drops the ParentPrefixChar here.
  test('a parent-prefixed reference', () => {
    assertBytes(Store(new NameRef('^INT0'), local(0)), [
      0x70, // StoreOp
      0x5e, // ParentPrefixChar
      0x49, 0x4e, 0x54, 0x30, // 'INT0'
      0x60, // Local0
    ]);
  });

  test('name() is NameRef', () => {
    assert.deepEqual(toBytes(name('\\_SB.CPUS')), toBytes(new NameRef('\\_SB.CPUS')));
  });

  test('an invalid path throws bad-name at construction', () => {
    assertEncodeError(() => new NameRef('\\_SB.cpus'), 'bad-name');
  });
});

describe('Local and Arg', () => {
  // ASL (in a method): Local7 = Arg6
  test('the last Arg and Local', () => {
    assertBytes(Store(new Arg(6), new Local(7)), [
      0x70, // StoreOp
      0x6e, // Arg6
      0x67, // Local7
    ]);
  });

  // ASL (in a method): Local0 = Arg0
  test('the first Arg and Local', () => {
    assertBytes(Store(new Arg(0), new Local(0)), [
      0x70, // StoreOp
      0x68, // Arg0
      0x60, // Local0
    ]);
  });

  test('LocalN is 0x60 + N for Local0..Local7', () => {
    assertBytes(toBytes(...Array.from({ length: 8 }, (_, i) => local(i))), [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67]);
  });

  test('ArgN is 0x68 + N for Arg0..Arg6', () => {
    assertBytes(toBytes(...Array.from({ length: 7 }, (_, i) => arg(i))), [0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e]);
  });

  test('local() and arg() build Local and Arg', () => {
    assert.ok(local(3) instanceof Local);
    assert.ok(arg(3) instanceof Arg);
  });

  test('Local8 throws bad-argument', () => {
    assertEncodeError(() => new Local(8), 'bad-argument');
  });

  test('Local with a negative index throws bad-argument', () => {
    assertEncodeError(() => local(-1), 'bad-argument');
  });

  test('Local with a fractional index throws bad-argument', () => {
    assertEncodeError(() => local(0.5), 'bad-argument');
  });

  test('Arg7 throws bad-argument', () => {
    assertEncodeError(() => new Arg(7), 'bad-argument');
  });
});

describe('fixed objects', () => {
  // ASL (in a method): Debug = Local0
  test('Debug is ExtOpPrefix DebugOp', () => {
    assertBytes(Store(local(0), Debug), [
      0x70, // StoreOp
      0x60, // Local0
      0x5b, 0x31, // DebugOp
    ]);
  });

  // ASL (in a method): Store (Add (Local0, Local1), Local2)
  // Written with Store() on purpose: iasl turns the ASL+ form `Local2 = Add (Local0,
  // Local1)` into `Add (Local0, Local1, Local2)`, which has no NullName.
  test('NullTarget is NullName, as iasl writes an omitted target', () => {
    assertBytes(Store(Add(local(0), local(1), NullTarget), local(2)), [
      0x70, // StoreOp
      0x72, // AddOp
      0x60, // Local0
      0x61, // Local1
      0x00, // Target: NullName
      0x62, // Local2
    ]);
  });

  // ASL (in a method): Local0 = Revision
  test('Revision is ExtOpPrefix RevisionOp', () => {
    assertBytes(Store(Revision, local(0)), [
      0x70, // StoreOp
      0x5b, 0x30, // RevisionOp
      0x60, // Local0
    ]);
  });

  // ASL (in a method): Local0 = Timer
  test('Timer is ExtOpPrefix TimerOp', () => {
    assertBytes(Store(Timer, local(0)), [
      0x70, // StoreOp
      0x5b, 0x33, // TimerOp
      0x60, // Local0
    ]);
  });
});
