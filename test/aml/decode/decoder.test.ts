// The term decoder (src/aml/decode): terms and operands from iasl's output, the
// method-call split by argument counts, and decode errors with their offsets.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AmlError, decodeDefinitionBlock, elseTerms, MAX_NESTING, operandBody, operandName, operandTerm, operandTerms,
  type OpTerm, type Term,
} from '../../../src/aml/decode/index.ts';
import { aml, dsdt } from '../interp/helpers.ts';

const HEADER = 36;

/** A definition block header (checksum left 0) around raw AML. */
function table(body: number[], signature = 'SSDT'): Uint8Array {
  const t = new Uint8Array(HEADER + body.length);
  t.set([...signature].map((c) => c.charCodeAt(0)), 0);
  new DataView(t.buffer).setUint32(4, t.length, true);
  t[8] = 2;
  t.set(body, HEADER);
  return t;
}

const op = (t: Term | undefined): OpTerm => {
  assert.equal(t?.t, 'op');
  return t as OpTerm;
};

/** The body of the method named `name` at the top level of a decoded table. */
function methodBody(bytes: Uint8Array, name: string): readonly Term[] {
  const m = decodeDefinitionBlock(bytes).terms.map(op).find((t) => t.op === 'Method' && operandName(t, 1).segs[0] === name);
  assert.ok(m, `no method ${name}`);
  return operandBody(m, 3).terms ?? [];
}

function decodeError(bytes: Uint8Array): AmlError {
  try {
    decodeDefinitionBlock(bytes);
  } catch (e) {
    assert.ok(e instanceof AmlError, String(e));
    assert.equal(e.code, 'decode-error', e.message);
    return e;
  }
  assert.fail('expected a decode error');
}

describe('terms', () => {
  test('Name with a DWord constant', () => {
    const [t] = decodeDefinitionBlock(aml(dsdt('Name (VALU, 0x12345678)'))).terms;
    assert.equal(op(t).op, 'Name');
    assert.deepEqual(operandTerm(op(t), 1), { t: 'int', value: 0x12345678n, offset: HEADER + 5 });
  });

  test('Else joins the If before it as its fourth operand', () => {
    const [s] = methodBody(aml(dsdt('Method (MAIN, 1) { If (Arg0) { Return (1) } Else { Return (2) } }')), 'MAIN');
    const ifTerm = op(s);
    assert.equal(ifTerm.op, 'If');
    assert.equal(elseTerms(ifTerm)?.length, 1);
  });

  test('a call to a method declared later in the table takes its arguments', () => {
    const body = methodBody(aml(dsdt('Method (MAIN) { Return (ADD2 (1, 2)) }\nMethod (ADD2, 2) { Return (Arg0 + Arg1) }')), 'MAIN');
    const call = operandTerm(op(body[0]), 0);
    assert.equal(call.t, 'call');
    assert.equal(call.t === 'call' && call.args.length, 2);
  });

  test('a single-segment call finds the method in an enclosing scope', () => {
    const src = dsdt('Method (HLP1, 1) { Return (Arg0) }\nScope (\\_SB) { Method (MAIN) { Return (HLP1 (7)) } }');
    const scope = decodeDefinitionBlock(aml(src)).terms.map(op)[1]!;
    const main = op(operandTerms(scope, 2)[0]);
    const ret = op(operandBody(main, 3).terms?.[0]);
    assert.equal(operandTerm(ret, 0).t, 'call');
  });

  test('External declares the argument count of a method in another table', () => {
    const body = methodBody(aml(dsdt('External (\\OTHR, MethodObj)\nMethod (MAIN) { Return (\\OTHR (1, 2, 3)) }'.replace('MethodObj)', 'MethodObj, {IntObj, IntObj, IntObj})'))), 'MAIN');
    const call = operandTerm(op(body[0]), 0);
    assert.equal(call.t === 'call' ? call.args.length : -1, 3);
  });

  test('a name in a Store target is a name, never a call', () => {
    const body = methodBody(aml(dsdt('Name (VALU, 0)\nMethod (MAIN) { VALU = 5 }')), 'MAIN');
    assert.equal(operandTerm(op(body[0]), 1).t, 'name');
  });

  test('field elements decode with their bit widths and access changes', () => {
    const [, f] = decodeDefinitionBlock(aml(dsdt('OperationRegion (R, SystemIO, 0x10, 8)\nField (R, ByteAcc, NoLock, WriteAsZeros) { Offset (4), A, 1, B, 3, AccessAs (WordAcc), C, 16 }'))).terms.map(op);
    const fields = f!.args[3]!;
    assert.equal(fields.k, 'fields');
    assert.deepEqual(fields.k === 'fields' ? fields.fields.map((e) => e.k === 'named' ? `${e.name}:${e.bits}` : e.k) : [], [
      'reserved', 'A___:1', 'B___:3', 'access', 'C___:16',
    ]);
  });

  test('a Package keeps names as name terms', () => {
    const [, p] = decodeDefinitionBlock(aml(dsdt('Device (DEV0) {}\nName (PKG0, Package () { DEV0, 1 })'))).terms.map(op);
    const pkg = op(operandTerm(p!, 1));
    assert.deepEqual(operandTerms(pkg, 2).map((t) => t.t), ['name', 'int']);
  });
});

describe('decode errors', () => {
  test('an invalid opcode reports its offset', () => {
    const e = decodeError(table([0x14, 0x07, 0x4d, 0x41, 0x49, 0x4e, 0x00, 0x02]));
    assert.equal(e.offset, HEADER + 7);
  });

  test('a PkgLength past the end of the table', () => {
    const e = decodeError(table([0x10, 0x3f, 0x5c, 0x00]));
    assert.equal(e.offset, HEADER + 1);
  });

  test('Else with no If before it', () => {
    decodeError(table([0x14, 0x08, 0x4d, 0x41, 0x49, 0x4e, 0x00, 0xa1, 0x01]));
  });

  test('a table shorter than its header', () => {
    assert.equal(decodeError(new Uint8Array(20)).offset, 0);
  });

  test('a Length field larger than the bytes given', () => {
    const t = table([]);
    new DataView(t.buffer).setUint32(4, 1000, true);
    assert.equal(decodeError(t).offset, 4);
  });

  test('a table that is not a definition block', () => {
    decodeError(table([], 'APIC'));
  });

  test('nesting deeper than MAX_NESTING is a decode error, not a stack overflow', () => {
    // Method (MAIN) { Return (Not (Not (... Not (0) ...))) } with 10,000 Nots.
    const depth = 10_000;
    const body = [0xa4, ...new Array(depth).fill(0x80), 0x00, ...new Array(depth).fill(0x00)];
    const pkg = 3 + 4 + 1 + body.length; // PkgLength (3 bytes), NameSeg, MethodFlags, body
    const method = [0x14, 0x80 | (pkg & 0x0f), (pkg >> 4) & 0xff, (pkg >> 12) & 0xff, 0x4d, 0x41, 0x49, 0x4e, 0x00, ...body];
    const e = decodeError(table(method));
    assert.match(e.message, new RegExp(`deeper than ${MAX_NESTING}`));
  });

  test('bytes left over inside a package are a decode error', () => {
    // Buffer (1) {} followed by an extra byte inside the Scope package is fine,
    // but a Field whose list ends mid-element is not.
    decodeError(table([0x5b, 0x81, 0x07, 0x52, 0x45, 0x47, 0x30, 0x01, 0x41, 0x42]));
  });
});
