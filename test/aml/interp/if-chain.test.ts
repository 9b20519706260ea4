// A run of one-If-per-value statements (QEMU's CTFY shape) compiled into one table
// dispatch (src/aml/interp/if-chain.ts) must do exactly what the Ifs do one by one.
// Each method here exists twice: as a run (dispatched), and with a Noop after every
// If (each If then compiles on its own); both must give the same results and errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  decodeDefinitionBlock, deferredTerms, IF_CHAIN_MIN, openDefinitionBlock, operandBody, operandList, operandName, type OpTerm, type Term,
} from '../../../src/aml/decode/index.ts';
import { integer, string, type AmlValue } from '../../../src/aml/interp/index.ts';
import { aml, assertAmlError, dsdt, intOf, machine } from './helpers.ts';

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

describe('chain bodies left undecoded until their value comes', () => {
  const ifs = (n: number, body: (i: number) => string, slot = 'Arg0') =>
    Array.from({ length: n }, (_, i) => `If (${slot} == ${i}) { ${body(i)} }`);
  /** The lazily decoded body of \NAME, as the interpreter's loader decodes it. */
  const loadedBody = (bytes: Uint8Array, name: string): readonly Term[] => {
    const { statements } = openDefinitionBlock(bytes, () => undefined);
    for (let t = statements.next(); t; t = statements.next()) {
      if (t.t === 'op' && t.op === 'Method' && operandName(t, 1).segs[0] === name) return deferredTerms(operandBody(t, 3));
    }
    throw new Error(`no method ${name}`);
  };
  const bodyKinds = (terms: readonly Term[]) => terms.map((t) => (t.t === 'op' && t.op === 'If' ? operandList(t, 2).k : t.t));

  test('a run of IF_CHAIN_MIN Ifs has its bodies deferred; a shorter run, an Else, Ones or a declaring body does not', () => {
    const bytes = aml(dsdt([
      'Name (GLOB, 0)',
      `Method (RUN8, 1) { ${ifs(IF_CHAIN_MIN, (i) => `GLOB = ${i + 0x30}`).join('\n')} }`,
      `Method (RUN7, 1) { ${ifs(IF_CHAIN_MIN - 1, (i) => `GLOB = ${i + 0x30}`).join('\n')} }`,
      `Method (ELSM, 1) { ${ifs(IF_CHAIN_MIN, (i) => `GLOB = ${i + 0x30}`).join('\n')} Else { GLOB = 0 } }`,
      `Method (ONEM, 1) { ${ifs(IF_CHAIN_MIN, (i) => `GLOB = ${i + 0x30}`).join('\n')} If (Arg0 == Ones) { GLOB = 9 } }`,
      `Method (DECL, 1) { ${ifs(IF_CHAIN_MIN, (i) => (i === 4 ? 'Name (LOCN, 4)' : `GLOB = ${i + 0x30}`)).join('\n')} }`,
    ].join('\n')));
    assert.deepEqual(bodyKinds(loadedBody(bytes, 'RUN8')), Array(IF_CHAIN_MIN).fill('body'));
    assert.deepEqual(bodyKinds(loadedBody(bytes, 'RUN7')), Array(IF_CHAIN_MIN - 1).fill('terms'));
    // The last If has an Else: the run before it is one short.
    assert.deepEqual(bodyKinds(loadedBody(bytes, 'ELSM')), Array(IF_CHAIN_MIN).fill('terms'));
    assert.deepEqual(bodyKinds(loadedBody(bytes, 'ONEM')), [...Array(IF_CHAIN_MIN).fill('body'), 'terms']);
    // The declaring body splits the run into two of 4 and 3.
    assert.deepEqual(bodyKinds(loadedBody(bytes, 'DECL')), Array(IF_CHAIN_MIN).fill('terms'));
    // The whole-table decoder (the disassembler's) defers nothing.
    const eager = decodeDefinitionBlock(bytes).terms.find((t) => t.t === 'op' && t.op === 'Method' && operandName(t, 1).segs[0] === 'RUN8');
    assert.deepEqual(bodyKinds(operandBody(eager as OpTerm, 3).terms ?? []), Array(IF_CHAIN_MIN).fill('terms'));
  });

  test('bad bytes in a body fail when its value comes, not before (ACPICA parses an If body only when it runs)', () => {
    // Body 5 stores 0xAB into Local7 (70 0A AB 67); its Store opcode is turned into an invalid one.
    const bytes = aml(dsdt(`Method (BAD, 1) { ${ifs(10, (i) => (i === 5 ? 'Local7 = 0xAB' : `Return (${i + 100})`)).join('\n')} Return (0) }`));
    const at = [...bytes].findIndex((b, i) => b === 0x70 && bytes[i + 1] === 0x0a && bytes[i + 2] === 0xab && bytes[i + 3] === 0x67);
    assert.ok(at > 0);
    const broken = Uint8Array.from(bytes);
    broken[at] = 0x02;
    const m = machine(broken);
    assert.equal(intOf(m.interp.evaluate('\\BAD', [integer(4)])), 104n);
    assert.equal(intOf(m.interp.evaluate('\\BAD', [integer(42)])), 0n);
    assertAmlError(() => m.interp.evaluate('\\BAD', [integer(5)]), 'decode-error');
    assert.equal(intOf(m.interp.evaluate('\\BAD', [integer(6)])), 106n);
  });

  test('a name declared in a chain body shadows the global one, as with the Ifs one by one', () => {
    const asl = [
      'Name (RES, "")',
      'Name (SHAD, 1)',
      pair('DNAM', 1, ifs(10, (i) => (i === 3 ? 'Name (SHAD, 7)' : 'Noop')), 'Return (SHAD)'),
    ].join('\n');
    const m = machine(aml(dsdt(asl)));
    for (const v of [3, 4]) assert.equal(outcome(m, '\\DNAM', [integer(v)]), outcome(m, '\\DNAN', [integer(v)]));
    assert.equal(intOf(m.interp.evaluate('\\DNAM', [integer(3)])), 7n);
    assert.equal(intOf(m.interp.evaluate('\\DNAM', [integer(4)])), 1n);
  });
});

describe('chain bodies that are one Notify (CTFY\'s), read without the general decoder', () => {
  const bodies = [
    'Notify (DEV0, Arg1)',
    'Notify (\\_SB.DEV1, Arg1)',
    'Notify (^DEV2, Arg1)',
    'Notify (DEV3, 0x80)',
    'Notify (DEV0, Arg1)\n Notify (DEV1, Arg1)',
    'Notify (\\_SB.PCI0.DEV5, Arg1)',
    'Local7 = Arg1\n Notify (DEV0, Local7)',
    'Notify (DEV0, Arg0)',
    'Notify (NOTD, Arg1)',
    'Notify (GONE, Arg1)',
    'Notify (DALS, Arg1)',
    'Notify (RDEV, Arg1)',
    'Notify (DEV0, Local6)',
  ];
  const asl = [
    'Name (RES, "")',
    'Device (\\_SB.DEV0) {}', 'Device (\\_SB.DEV1) {}', 'Device (\\_SB.DEV2) {}', 'Device (\\_SB.DEV3) {}', 'Device (\\_SB.PCI0) { Device (DEV5) {} }',
    'Name (\\_SB.NOTD, 1)',
    'Alias (\\_SB.DEV3, \\_SB.DALS)',
    'Name (\\_SB.RDEV, 0)',
    'Method (\\_SB.SETR) { CopyObject (RefOf (\\_SB.DEV2), \\_SB.RDEV) }',
    `Scope (\\_SB) { ${pair('NTFY', 2, bodies.map((b, i) => `If (Arg0 == ${i}) { ${b} }`))} }`,
  ].join('\n');
  const bytes = aml(dsdt(asl), { force: true }); // iasl rejects Notify of GONE, which does not exist

  test('each body decodes to the terms the whole-table decoder gives it', () => {
    const { statements } = openDefinitionBlock(bytes, () => undefined);
    let lazy: OpTerm | undefined;
    for (let t = statements.next(); t && !lazy; t = statements.next()) {
      if (t.t === 'op' && t.op === 'Scope') lazy = deferredTerms(operandBody(t, 2)).find((m) => m.t === 'op' && m.op === 'Method') as OpTerm;
    }
    const eager = decodeDefinitionBlock(bytes).terms.find((t) => t.t === 'op' && t.op === 'Scope') as OpTerm;
    const eagerMethod = operandList(eager, 2).k === 'terms' ? (operandList(eager, 2) as { terms: readonly Term[] }).terms[0] as OpTerm : undefined;
    assert.ok(lazy && eagerMethod);
    const lazyIfs = deferredTerms(operandBody(lazy, 3)) as OpTerm[];
    const eagerIfs = operandBody(eagerMethod, 3).terms as OpTerm[];
    assert.equal(lazyIfs.length, bodies.length + 2); // RES = "" and the Return around the run
    for (let i = 1; i <= bodies.length; i++) {
      assert.equal(operandList(lazyIfs[i]!, 2).k, 'body', `If ${i - 1} is deferred`);
      assert.deepEqual(deferredTerms(operandBody(lazyIfs[i]!, 2)), operandList(eagerIfs[i]!, 2).k === 'terms' ? (operandList(eagerIfs[i]!, 2) as { terms: readonly Term[] }).terms : undefined, bodies[i - 1]);
    }
  });

  test('each body notifies (or fails) as the Ifs one by one do', () => {
    const a = machine(bytes), b = machine(bytes);
    for (const m of [a, b]) m.interp.evaluate('\\_SB.SETR');
    // The same error from either method, but for the method's name and the offset.
    const same = (s: string) => s.replaceAll('NTFN', 'NTFY').replace(/ at offset 0x[0-9a-f]+/g, '');
    for (let i = 0; i <= bodies.length; i++) {
      const args = [integer(i), integer(0x80)];
      assert.equal(same(outcome(a, '\\_SB.NTFY', args)), same(outcome(b, '\\_SB.NTFN', args)), bodies[i] ?? 'no body');
    }
    assert.deepEqual(a.notifies, b.notifies);
    assert.deepEqual(a.notifies.slice(0, 3), ['\\_SB.DEV0 128', '\\_SB.DEV1 128', '\\_SB.DEV2 128']);
    // The error points at the Notify, as the compiled form's does.
    const notd = [...bytes].findIndex((x, i) => x === 0x86 && String.fromCharCode(...bytes.subarray(i + 1, i + 5)) === 'NOTD');
    assert.ok(notd > 0);
    assert.match(outcome(a, '\\_SB.NTFY', [integer(8), integer(0x80)]), new RegExp(`cannot Notify Integer.* at offset 0x${notd.toString(16)}\\)`));
    assert.match(outcome(a, '\\_SB.NTFY', [integer(9), integer(0x80)]), /GONE.*does not exist/);
    assert.deepEqual(a.notifies.slice(-2), ['\\_SB.DEV3 128', '\\_SB.DEV2 128']);
    assert.match(outcome(a, '\\_SB.NTFY', [integer(12), integer(0x80)]), /Local6 is uninitialized/);
  });
});

describe('a one-Notify body run by the dispatch costs the operations its compiled form costs', () => {
  // CTFY's shape twice: in TLEN each body is run by the dispatch; in TGEN a name the
  // method may declare (DEV0, in a branch never taken) makes every body compile as
  // usual. The same pair with two-statement bodies, compiled in both, prices the
  // extra branch; the difference must be the same.
  const chainOf = (body: () => string) => Array.from({ length: 10 }, (_, i) => `If (Arg0 == ${i}) { ${body()} }`).join('\n ');
  const method = (name: string, declares: boolean, body: () => string) =>
    `Method (${name}, 2) {\n ${declares ? 'If (Arg1 == 0x1234) { Name (DEV0, 0) }' : 'If (Arg1 == 0x1234) { Noop }'}\n ${chainOf(body)}\n}`;
  const lone = () => 'Notify (DEV0, Arg1)';
  const two = () => 'Notify (DEV0, Arg1)\n Noop';
  const asl = [
    'Device (DEV0) {}',
    method('TLEN', false, lone), method('TGEN', true, lone), method('PLEN', false, two), method('PGEN', true, two),
  ].join('\n');
  const bytes = aml(dsdt(asl), { force: true }); // iasl sees TGEN's DEV0 as the Integer it may declare
  /** The fewest operations with which \NAME(7, 0x80) completes. */
  const budget = (name: string): number => {
    let lo = 1, hi = 10_000;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      try {
        machine(bytes, { limits: { operations: mid } }).interp.evaluate(`\\${name}`, [integer(7), integer(0x80)]);
        hi = mid;
      } catch {
        lo = mid + 1;
      }
    }
    return lo;
  };

  test('TLEN and TGEN differ by what PLEN and PGEN differ by', () => {
    const m = machine(bytes);
    m.interp.evaluate('\\TLEN', [integer(7), integer(0x80)]);
    m.interp.evaluate('\\TGEN', [integer(7), integer(0x80)]);
    assert.deepEqual(m.notifies, ['\\DEV0 128', '\\DEV0 128']);
    assert.equal(budget('TLEN') - budget('TGEN'), budget('PLEN') - budget('PGEN'));
  });
});
