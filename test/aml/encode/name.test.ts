// NameString and NameSeg (src/aml/encode/name.ts), ACPI 6.5 §20.2.2. The same
// paths written as ASL references compile to these bytes with `iasl -on` (no
// reference shortening; see refs.test.ts for the golden NameRef tests).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_SEGMENTS, nameSeg, nameString } from '../../../src/aml/encode/index.ts';
import { assertBytes, assertEncodeError } from './helpers.ts';

describe('nameString segments', () => {
  test('one segment is a bare NameSeg', () => {
    assertBytes(nameString('CPUS'), [
      0x43, 0x50, 0x55, 0x53, // 'CPUS'
    ]);
  });

  test('two segments take DualNamePrefix', () => {
    assertBytes(nameString('PCI0.S08_'), [
      0x2e, // DualNamePrefix
      0x50, 0x43, 0x49, 0x30, // 'PCI0'
      0x53, 0x30, 0x38, 0x5f, // 'S08_'
    ]);
  });

  test('three segments take MultiNamePrefix and a count', () => {
    assertBytes(nameString('_SB_.PCI0.S08_'), [
      0x2f, 0x03, // MultiNamePrefix SegCount 3
      0x5f, 0x53, 0x42, 0x5f, // '_SB_'
      0x50, 0x43, 0x49, 0x30, // 'PCI0'
      0x53, 0x30, 0x38, 0x5f, // 'S08_'
    ]);
  });

  test('four segments count 4', () => {
    assertBytes(nameString('A.B.C.D'), [
      0x2f, 0x04, // MultiNamePrefix SegCount 4
      0x41, 0x5f, 0x5f, 0x5f, // 'A___'
      0x42, 0x5f, 0x5f, 0x5f, // 'B___'
      0x43, 0x5f, 0x5f, 0x5f, // 'C___'
      0x44, 0x5f, 0x5f, 0x5f, // 'D___'
    ]);
  });

  test(`${MAX_SEGMENTS} segments are the most a SegCount byte holds`, () => {
    const bytes = nameString(Array.from({ length: MAX_SEGMENTS }, () => 'AB').join('.'));
    assert.deepEqual([...bytes.subarray(0, 2)], [0x2f, 0xff]);
    assert.equal(bytes.length, 2 + 4 * MAX_SEGMENTS);
  });

  test(`${MAX_SEGMENTS + 1} segments throw bad-name`, () => {
    const path = Array.from({ length: MAX_SEGMENTS + 1 }, () => 'AB').join('.');
    assertEncodeError(() => nameString(path), 'bad-name');
  });
});

describe('nameString prefixes', () => {
  test('a root path starts with RootChar', () => {
    assertBytes(nameString('\\_SB.PCI0'), [
      0x5c, // RootChar
      0x2e, // DualNamePrefix
      0x5f, 0x53, 0x42, 0x5f, // '_SB_'
      0x50, 0x43, 0x49, 0x30, // 'PCI0'
    ]);
  });

  test('a root path of three segments puts RootChar before MultiNamePrefix', () => {
    assertBytes(nameString('\\_SB.CPUS.C001'), [
      0x5c, // RootChar
      0x2f, 0x03, // MultiNamePrefix SegCount 3
      0x5f, 0x53, 0x42, 0x5f, // '_SB_'
      0x43, 0x50, 0x55, 0x53, // 'CPUS'
      0x43, 0x30, 0x30, 0x31, // 'C001'
    ]);
  });

  test('one parent prefix', () => {
    assertBytes(nameString('^CSEL'), [
      0x5e, // ParentPrefixChar
      0x43, 0x53, 0x45, 0x4c, // 'CSEL'
    ]);
  });

  test('several parent prefixes before a dual name', () => {
    assertBytes(nameString('^^^PCI0._ADR'), [
      0x5e, 0x5e, 0x5e, // ParentPrefixChar x3
      0x2e, // DualNamePrefix
      0x50, 0x43, 0x49, 0x30, // 'PCI0'
      0x5f, 0x41, 0x44, 0x52, // '_ADR'
    ]);
  });

  test("'\\' alone is RootChar NullName", () => {
    assertBytes(nameString('\\'), [
      0x5c, // RootChar
      0x00, // NullName
    ]);
  });

  test("'^' alone is ParentPrefixChar NullName", () => {
    assertBytes(nameString('^'), [
      0x5e, // ParentPrefixChar
      0x00, // NullName
    ]);
  });
});

describe('nameString padding', () => {
  test('a one-character segment is padded with three underscores', () => {
    assertBytes(nameString('A'), [0x41, 0x5f, 0x5f, 0x5f]); // 'A___'
  });

  test('a three-character segment is padded with one underscore', () => {
    assertBytes(nameString('_SB'), [0x5f, 0x53, 0x42, 0x5f]); // '_SB_'
  });

  test('every segment of a path is padded on its own', () => {
    assertBytes(nameString('\\_SB.PCI'), [
      0x5c, // RootChar
      0x2e, // DualNamePrefix
      0x5f, 0x53, 0x42, 0x5f, // '_SB_'
      0x50, 0x43, 0x49, 0x5f, // 'PCI_'
    ]);
  });

  test('nameSeg returns the four padded bytes', () => {
    assert.deepEqual(nameSeg('C1'), [0x43, 0x31, 0x5f, 0x5f]);
  });
});

describe('invalid names throw bad-name', () => {
  test('the empty string', () => {
    assertEncodeError(() => nameString(''), 'bad-name');
  });

  test('a lower-case segment', () => {
    assertEncodeError(() => nameString('cpus'), 'bad-name');
  });

  test('a lower-case character after the first', () => {
    assertEncodeError(() => nameString('\\_SB.PCi0'), 'bad-name');
  });

  test('a five-character segment', () => {
    assertEncodeError(() => nameString('ABCDE'), 'bad-name');
  });

  test('a digit first', () => {
    assertEncodeError(() => nameString('1ABC'), 'bad-name');
  });

  test('a digit first in a later segment', () => {
    assertEncodeError(() => nameString('\\_SB.0PCI'), 'bad-name');
  });

  test('an empty segment between dots', () => {
    assertEncodeError(() => nameString('\\_SB..PCI0'), 'bad-name');
  });

  test('a trailing dot', () => {
    assertEncodeError(() => nameString('\\_SB.'), 'bad-name');
  });

  test('a leading dot', () => {
    assertEncodeError(() => nameString('.PCI0'), 'bad-name');
  });

  test('a parent prefix after the root', () => {
    assertEncodeError(() => nameString('\\^PCI0'), 'bad-name');
  });

  test('a parent prefix inside a path', () => {
    assertEncodeError(() => nameString('PCI0.^S08'), 'bad-name');
  });

  test('a punctuation character', () => {
    assertEncodeError(() => nameString('A-B'), 'bad-name');
  });

  test('nameSeg rejects a dotted path', () => {
    assertEncodeError(() => nameSeg('A.B'), 'bad-name');
  });

  test('nameSeg rejects the empty segment', () => {
    assertEncodeError(() => nameSeg(''), 'bad-name');
  });
});
