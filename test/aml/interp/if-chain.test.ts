// A run of one-If-per-value statements (QEMU's CTFY shape) compiled into one table
// dispatch (src/aml/interp/if-chain.ts) must do exactly what the Ifs do one by one.
// Each method here exists twice: as a run (dispatched), and with a Noop after every
// If (each If then compiles on its own); both must give the same results and errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { integer, string, type AmlValue } from '../../../src/aml/interp/index.ts';
import { aml, dsdt, machine } from './helpers.ts';

/** A method whose body is `ifs` as a run, and the same with a Noop after each If. */
function pair(name: string, args: number, ifs: readonly string[], after = 'Return (RES)'): string {
  const method = (n: string, sep: string) => `Method (${n}, ${args}) {\n RES = ""\n ${ifs.join(sep)}\n ${after}\n}`;
  return `${method(name, '\n ')}\n${method(`${name.slice(0, 3)}N`, '\n Noop\n ')}`;
}

const chain = (slot: string, extra: readonly string[] = []) => [
  ...Array.from({ length: 10 }, (_, i) => `If (${slot} == ${i}) { Concatenate (RES, "${i}", RES) }`),
  `If (${slot} == 3) { Concatenate (RES, "3b", RES) }`,
  `If (${slot} == 0xFFFFFFFF) { Concatenate (RES, "big", RES) }`,
  ...extra,
];

/** What a call gives: its value, or the error it throws. */
function outcome(m: ReturnType<typeof machine>, path: string, args: AmlValue[]): string {
  try {
    return JSON.stringify(m.interp.evaluate(path, args), (_, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v));
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe('If chains dispatched by value', () => {
  const asl = [
    'Name (RES, "")',
    pair('DARG', 1, chain('Arg0', ['If (Arg0 == 5) { Return ("ret5") }', 'If (Arg0 == 5) { Concatenate (RES, "never", RES) }'])),
    pair('LOCL', 1, ['Local0 = Arg0', ...chain('Local0')]),
    // A body that writes the tested slot: not dispatched, still the same.
    pair('WRIT', 1, chain('Arg0', ['If (Arg0 == 4) { Arg0 = 6 }', 'If (Arg0 == 6) { Concatenate (RES, "six", RES) }'])),
    pair('UNIN', 1, chain('Local1')),
  ].join('\n');
  const m = machine(aml(dsdt(asl), { force: true })); // iasl rejects the uninitialized Local1
  const args: AmlValue[][] = [[integer(0)], [integer(3)], [integer(5)], [integer(4)], [integer(9)], [integer(42)], [integer(0xffffffff)], [string('3')], [string('ABC')]];

  for (const name of ['DARG', 'LOCL', 'WRIT', 'UNIN']) {
    test(`${name}: the run gives what the Ifs one by one give`, () => {
      for (const a of args) assert.equal(outcome(m, `\\${name}`, a), outcome(m, `\\${name.slice(0, 3)}N`, a), `${name}(${JSON.stringify(a, (_, v) => (typeof v === 'bigint' ? String(v) : v))})`);
    });
  }

  test('matches run in order, a duplicate value runs every body, Return ends the run', () => {
    assert.equal(outcome(m, '\\DARG', [integer(3)]), JSON.stringify({ kind: 'string', value: '33b' }));
    assert.equal(outcome(m, '\\DARG', [integer(5)]), JSON.stringify({ kind: 'string', value: 'ret5' }));
    assert.equal(outcome(m, '\\DARG', [integer(42)]), JSON.stringify({ kind: 'string', value: '' }));
  });

  test('a body that changes the tested Arg is seen by the Ifs after it', () => {
    assert.equal(outcome(m, '\\WRIT', [integer(4)]), JSON.stringify({ kind: 'string', value: '4six' }));
  });

  test('an uninitialized Local fails as the first If would', () => {
    assert.match(outcome(m, '\\UNIN', [integer(1)]), /^error: .*Local1 is uninitialized/);
  });
});
