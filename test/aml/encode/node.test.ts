// The AmlNode contract and its helpers (src/aml/encode/node.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AmlWriter, Device, Noop, One, Zero, encodeAll, toBytes, type AmlNode } from '../../../src/aml/encode/index.ts';
import { assertBytes } from './helpers.ts';

describe('toBytes', () => {
  test('no nodes give no bytes', () => {
    assert.equal(toBytes().length, 0);
  });

  test('several nodes are written in order', () => {
    assertBytes(toBytes(Zero, One, Noop), [0x00, 0x01, 0xa3]);
  });

  test('a node encodes the same every time (nodes are values)', () => {
    const node = new Device('DEV0', [Noop]);
    assert.deepEqual(toBytes(node), toBytes(node));
  });
});

describe('encodeAll', () => {
  test('writes a list of nodes into an existing writer', () => {
    const w = new AmlWriter().u8(0x10);
    encodeAll(w, [One, Zero]);
    assertBytes(w.finish(), [0x10, 0x01, 0x00]);
  });
});

describe('custom nodes', () => {
  // A node defined outside the encoder composes like a built-in one.
  test('an object with encode() can be a Device body term', () => {
    const raw: AmlNode = { encode: (w) => void w.u8(0xa3) };
    assertBytes(new Device('DEV0', [raw]), [
      0x5b, 0x82, // DeviceOp
      0x06, // PkgLength 6
      0x44, 0x45, 0x56, 0x30, // 'DEV0'
      0xa3, // the custom node's byte
    ]);
  });
});
