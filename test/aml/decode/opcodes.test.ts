// The opcode table (src/aml/opcodes.ts OPCODES) the decoder is driven by.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXT_OP_PREFIX, ExtOp, Op, OPCODE_BY_VALUE, OPCODES } from '../../../src/aml/opcodes.ts';

describe('opcode table', () => {
  test('every opcode value and every name appears once', () => {
    assert.equal(new Set(OPCODES.map((o) => o.op)).size, OPCODES.length);
    assert.equal(new Set(OPCODES.map((o) => o.name)).size, OPCODES.length);
  });

  test('every one-byte opcode constant has an entry', () => {
    for (const [key, value] of Object.entries(Op)) assert.ok(OPCODE_BY_VALUE.has(value), `Op.${key}`);
  });

  test('every extended opcode constant has an entry', () => {
    for (const [key, value] of Object.entries(ExtOp)) assert.ok(OPCODE_BY_VALUE.has((EXT_OP_PREFIX << 8) | value), `ExtOp.${key}`);
  });

  test('a PkgLength always comes first, and a list that runs to the end of the package comes last', () => {
    for (const o of OPCODES) {
      const d: readonly string[] = o.decode;
      if (d.includes('PkgLength')) assert.equal(d.indexOf('PkgLength'), 0, o.name);
      const toEnd = d.findIndex((k) => ['TermList', 'FieldList', 'ByteList', 'PackageElementList'].includes(k));
      if (toEnd >= 0) {
        assert.equal(toEnd, d.length - 1, o.name);
        assert.ok(d.includes('PkgLength'), `${o.name} has a list but no PkgLength`);
      }
    }
  });

  test('every entry quotes its grammar production', () => {
    for (const o of OPCODES) assert.match(o.grammar, /:=/, o.name);
  });
});
