// Data objects and conversions (src/aml/interp/ops/data.ts, convert.ts), with the
// exact strings ACPICA 20200925 produces (checked against acpiexec).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { integer, type AmlValue } from '../../../src/aml/interp/index.ts';
import { assertAmlError, intOf, run } from './helpers.ts';

const ret = (expr: string, args: readonly AmlValue[] = [], revision = 2) =>
  run(`Method (MAIN, 1) { Return (${expr}) }`, '\\MAIN', args.length ? args : [integer(0)], revision);

const str = (v: AmlValue | undefined) => {
  assert.equal(v?.kind, 'string');
  return (v as { value: string }).value;
};
const bytes = (v: AmlValue | undefined) => {
  assert.equal(v?.kind, 'buffer');
  return [...(v as { value: Uint8Array }).value];
};

describe('conversions', () => {
  // Windows' format (ACPICA 2020 gives all 16 digits and no prefix).
  test('ToHexString of an Integer is 0x and its digits without leading zeros', () => {
    assert.equal(str(ret('ToHexString (Arg0)', [integer(5)])), '0x5');
    assert.equal(str(ret('ToHexString (Arg0)', [integer(0xbeefn)])), '0xBEEF');
  });

  test('ToHexString of an Integer in a revision 1 DSDT is the same', () => {
    assert.equal(str(ret('ToHexString (Arg0)', [integer(5)], 1)), '0x5');
  });

  test('ToHexString of a Buffer is comma-separated 0x bytes', () => {
    assert.equal(str(ret('ToHexString (Buffer () {1, 0xAB})')), '0x01,0xAB');
  });

  test('ToDecimalString of a Buffer is comma-separated decimals', () => {
    assert.equal(str(ret('ToDecimalString (Buffer () {1, 0xAB})')), '1,171');
  });

  test('ToDecimalString of an Integer', () => {
    assert.equal(str(ret('ToDecimalString (Arg0)', [integer(1234)])), '1234');
  });

  test('ToInteger of "0x1G" stops at the first non-digit', () => {
    assert.equal(intOf(ret('ToInteger ("0x1G")')), 1n);
  });

  test('ToInteger of a decimal string skips leading spaces', () => {
    assert.equal(intOf(ret('ToInteger ("  123abc")')), 123n);
  });

  test('ToInteger of a Buffer takes its first bytes little-endian', () => {
    assert.equal(intOf(ret('ToInteger (Buffer () {1, 2, 3})')), 0x030201n);
  });

  test('ToBuffer of a String keeps the NUL', () => {
    assert.deepEqual(bytes(ret('ToBuffer ("ab")')), [0x61, 0x62, 0]);
  });

  test('ToBuffer of an Integer has the integer width', () => {
    assert.deepEqual(bytes(ret('ToBuffer (Arg0)', [integer(0x0102)], 1)), [2, 1, 0, 0]);
  });

  test('ToString stops at NUL or Length', () => {
    assert.equal(str(ret('ToString (Buffer () {0x61, 0x62, 0x63}, 2)')), 'ab');
  });

  test('Mid of a String', () => {
    assert.equal(str(ret('Mid ("abcdef", 2, 3)')), 'cde');
  });

  test('Mid past the end of a Buffer is cut short', () => {
    assert.deepEqual(bytes(ret('Mid (Buffer () {1, 2, 3, 4}, 1, 10)')), [2, 3, 4]);
  });
});

describe('Concatenate', () => {
  test('String and Buffer: the Buffer becomes space-separated 0x bytes', () => {
    assert.equal(str(ret('Concatenate ("x", Buffer () {1, 0xAB})')), 'x0x01 0xAB');
  });

  test('String and Integer: the Integer becomes hex', () => {
    assert.equal(str(ret('Concatenate ("x", Arg0)', [integer(0x1234)])), 'x0000000000001234');
  });

  test('two Integers make a Buffer of both', () => {
    assert.deepEqual(bytes(ret('Concatenate (Arg0, 2)', [integer(1)], 1)), [1, 0, 0, 0, 2, 0, 0, 0]);
  });

  test('a Package operand becomes "[Package Object]"', () => {
    assert.equal(str(run('Method (MAIN) { Local0 = Package () {1} \n Return (Concatenate ("p", Local0)) }')), 'p[Package Object]');
  });

  test('ConcatenateResTemplate joins two templates under one End Tag', () => {
    const v = ret('ConcatenateResTemplate (ResourceTemplate () { IRQNoFlags () {1} }, ResourceTemplate () { IRQNoFlags () {12} })');
    assert.deepEqual(bytes(v), [0x22, 0x02, 0x00, 0x22, 0x00, 0x10, 0x79, 0x00]);
  });
});

describe('Buffer and Package objects', () => {
  test('a Buffer is as long as the larger of its size and its initializer', () => {
    assert.deepEqual(bytes(ret('Buffer (Arg0) {1, 2}', [integer(4)])), [1, 2, 0, 0]);
  });

  test('a Package with fewer initializers has uninitialized elements', () => {
    const v = ret('Package (3) { 7 }');
    assert.deepEqual(v?.kind === 'package' && v.elements.map((e) => e.kind), ['integer', 'uninitialized', 'uninitialized']);
  });

  test('a VarPackage takes its size at run time', () => {
    const v = ret('Package (Arg0) {}', [integer(300)]);
    assert.equal(v?.kind === 'package' && v.elements.length, 300);
  });

  test('a name in a package built by a method becomes the value of the data object it names', () => {
    const v = run('Name (BSEL, 5)\nName (ASUN, 2)\nMethod (MAIN) { Local0 = Package () { BSEL, ASUN } \n Return (Local0) }');
    assert.deepEqual(v?.kind === 'package' && v.elements.map(intOf), [5n, 2n]);
  });

  test('a name in a table-level package refers forward to a device declared later', () => {
    const v = run('Name (PRTP, Package () { Package () { 0xFFFF, 0, LNKA, 0 } })\nDevice (LNKA) {}\nMethod (MAIN) { Return (DerefOf (DerefOf (PRTP [0]) [2])) }');
    assert.equal(v?.kind, 'reference');
  });

  test('a buffer of more than 16 MiB is refused', () => {
    assertAmlError(() => ret('Buffer (Arg0) {}', [integer(0x2000000)]), 'bad-argument');
  });

  test('Revision is the ACPICA version acpiexec reports', () => {
    assert.equal(intOf(ret('Revision')), 0x20200925n);
  });
});
