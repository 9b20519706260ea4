// Name strings (src/aml/decode/name-string.ts): the AML encoding, the host's
// path syntax, and how both are shown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AmlReader } from '../../../src/aml/decode/reader.ts';
import { AmlError, displayPath, formatNameString, parsePath, readNameString } from '../../../src/aml/decode/index.ts';

const read = (s: string | number[]) => {
  const bytes = typeof s === 'string' ? Uint8Array.from(s, (c) => c.charCodeAt(0)) : Uint8Array.from(s);
  const r = new AmlReader(bytes, 0, bytes.length);
  const n = readNameString(r);
  return { n, pos: r.pos };
};

describe('NameString', () => {
  test('a single NameSeg', () => {
    assert.deepEqual(read('CSCN').n, { root: false, parents: 0, segs: ['CSCN'] });
  });

  test('RootChar then a DualNamePath', () => {
    assert.deepEqual(read('\\._SB_CPUS').n, { root: true, parents: 0, segs: ['_SB_', 'CPUS'] });
  });

  test('a MultiNamePath with SegCount 3', () => {
    assert.deepEqual(read([0x2f, 3, ...'_SB_PCI0PRES'.split('').map((c) => c.charCodeAt(0))]).n.segs, ['_SB_', 'PCI0', 'PRES']);
  });

  test('parent prefixes count', () => {
    assert.deepEqual(read('^^CPUS').n, { root: false, parents: 2, segs: ['CPUS'] });
  });

  test('RootChar NullName is the root', () => {
    assert.deepEqual(read([0x5c, 0x00]), { n: { root: true, parents: 0, segs: [] }, pos: 2 });
  });

  test('a digit cannot lead a NameSeg', () => {
    assert.throws(() => read('1ABC'), (e: unknown) => e instanceof AmlError && e.code === 'decode-error');
  });

  test('a MultiNamePath with SegCount 0 is a decode error', () => {
    assert.throws(() => read([0x2f, 0]), (e: unknown) => e instanceof AmlError && e.code === 'decode-error' && e.offset === 0);
  });

  test('formatting keeps four-character segments', () => {
    assert.equal(formatNameString(read('\\._SB_CPUS').n), '\\_SB_.CPUS');
  });
});

describe('host paths', () => {
  test('short segments are padded with _', () => {
    assert.deepEqual(parsePath('\\_SB.CPUS.C1'), { root: true, parents: 0, segs: ['_SB_', 'CPUS', 'C1__'] });
  });

  test('a lower-case segment is a bad argument', () => {
    assert.throws(() => parsePath('\\_sb'), (e: unknown) => e instanceof AmlError && e.code === 'bad-argument');
  });

  test('a segment of five characters is a bad argument', () => {
    assert.throws(() => parsePath('\\ABCDE'), (e: unknown) => e instanceof AmlError && e.code === 'bad-argument');
  });

  test('paths are shown with the padding trimmed', () => {
    assert.equal(displayPath(['_SB_', 'CPUS', 'C001']), '\\_SB.CPUS.C001');
  });
});
