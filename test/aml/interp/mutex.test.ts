// Mutexes and Serialized methods (src/aml/interp/mutex.ts): the sync-level rules
// ACPICA enforces, nested acquisition, and release at the end of an evaluation.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aml, assertAmlError, dsdt, intOf, machine, run } from './helpers.ts';

const MUTEXES = 'Mutex (MTX5, 5)\nMutex (MTX7, 7)\n';

describe('Acquire and Release', () => {
  test('Acquire returns Zero (acquired)', () => {
    assert.equal(intOf(run(`${MUTEXES}Method (MAIN) { Local0 = Acquire (MTX5, 0xFFFF) \n Release (MTX5) \n Return (Local0) }`)), 0n);
  });

  test('acquiring a lower level while holding a higher one is mutex-order', () => {
    assertAmlError(() => run(`${MUTEXES}Method (MAIN) { Acquire (MTX7, 0xFFFF) \n Acquire (MTX5, 0xFFFF) }`), 'mutex-order');
  });

  test('releasing out of level order is mutex-order', () => {
    assertAmlError(() => run(`${MUTEXES}Method (MAIN) { Acquire (MTX5, 0xFFFF) \n Acquire (MTX7, 0xFFFF) \n Release (MTX5) }`), 'mutex-order');
  });

  test('releasing in reverse order succeeds', () => {
    assert.equal(intOf(run(`${MUTEXES}Method (MAIN) { Acquire (MTX5, 0xFFFF) \n Acquire (MTX7, 0xFFFF) \n Release (MTX7) \n Release (MTX5) \n Return (1) }`)), 1n);
  });

  test('a mutex acquired twice needs two releases', () => {
    assertAmlError(() => run(`${MUTEXES}Method (MAIN) { Acquire (MTX5, 0xFFFF) \n Acquire (MTX5, 0xFFFF) \n Release (MTX5) \n Release (MTX5) \n Release (MTX5) }`), 'mutex-not-acquired');
  });

  test('a mutex the AML left acquired is free again for the next evaluation', () => {
    const m = machine(aml(dsdt(`${MUTEXES}Method (TAKE) { Acquire (MTX7, 0xFFFF) }\nMethod (MAIN) { Acquire (MTX5, 0xFFFF) \n Release (MTX5) \n Return (1) }`)));
    m.interp.evaluate('\\TAKE');
    assert.equal(intOf(m.interp.evaluate('\\MAIN')), 1n);
  });
});

describe('Serialized methods', () => {
  test('a Serialized method of SyncLevel 9 cannot acquire a level-5 mutex', () => {
    assertAmlError(() => run(`${MUTEXES}Method (MAIN, 0, Serialized, 9) { Acquire (MTX5, 0xFFFF) }`), 'mutex-order');
  });

  test('a Serialized method may call itself', () => {
    assert.equal(intOf(run('Method (MAIN, 1, Serialized) { If (Arg0) { Return (MAIN (Arg0 - 1) + 1) } \n Return (0) }', '\\MAIN', [{ kind: 'integer', value: 5n }])), 5n);
  });

  test('QEMU\'s pattern: Serialized CSCN acquiring its level-0 lock, calling Serialized helpers', () => {
    const body = 'Mutex (CPLK, 0)\nMethod (CSTA, 1, Serialized) { Acquire (CPLK, 0xFFFF) \n Release (CPLK) \n Return (0x0F) }\n' +
      'Method (MAIN, 0, Serialized) { Acquire (CPLK, 0xFFFF) \n Local0 = CSTA (1) \n Release (CPLK) \n Return (Local0) }';
    assert.equal(intOf(run(body)), 0x0fn);
  });
});
