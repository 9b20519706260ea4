// Hostile tables: fast-check mutates real tables (byte flips, truncations,
// corrupted lengths) with a fixed seed, and loading and running them must only
// ever throw AmlError, and always end (small limits keep each run short). 100,000
// runs from a fixed seed (~12 s); scripts/fuzz-aml.ts does longer, seedable runs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { AmlError, Interpreter, integer } from '../../../src/aml/interp/index.ts';
import { buildAcpiTables } from '../../../src/machine/acpi-build.ts';
import { findMachineType } from '../../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../../src/machine/possible-cpus.ts';
import { aml, ByteMemory, dsdt } from './helpers.ts';

const SEED = 0x5eed_ac91;

const OPS_TABLE = aml(dsdt(`
  Name (PKG0, Package () { 1, "two", Buffer () { 3 }, Package () { 4 } })
  Name (BUF0, Buffer (8) { 1, 2, 3 })
  Mutex (MTX0, 3)
  OperationRegion (RGN0, SystemIO, 0x100, 16)
  Field (RGN0, ByteAcc, NoLock, WriteAsZeros) { IDX0, 8, DAT0, 8, , 4, FLD0, 12 }
  IndexField (IDX0, DAT0, ByteAcc, NoLock, Preserve) { IF00, 8, IF01, 16 }
  Device (DEV0) { Name (_ADR, 0) Method (_STA) { Return (0x0F) } Method (_INI) { FLD0 = 5 } }
  Method (MAIN, 1, Serialized) {
    Name (TMP0, Package (4) {})
    Local0 = 0
    While (Local0 < Arg0) {
      TMP0 [Local0 & 3] = Local0
      If (Local0 & 1) { BUF0 [1] = Local0 } Else { IF01 = Local0 }
      Acquire (MTX0, 0xFFFF)
      Local1 = Concatenate (ToHexString (Local0), "x")
      Release (MTX0)
      Local0++
    }
    CreateWordField (BUF0, 2, WRD0)
    Notify (DEV0, 0x80)
    Return (Match (PKG0, MEQ, 1, MTR, 0, 0) + SizeOf (Local1) + WRD0)
  }
`));

const TABLES = [
  buildAcpiTables(createMachineConfig(findMachineType('q35'), '1,maxcpus=3')).tables.get('DSDT')!.bytes,
  buildAcpiTables(createMachineConfig(findMachineType('virt'), '1,maxcpus=2')).tables.get('DSDT')!.bytes,
  OPS_TABLE,
  // QEMU 10.0's CTFY at 10 CPUs: a run of Ifs long enough for the loader to leave its bodies undecoded.
  buildAcpiTables(createMachineConfig(findMachineType('pc-q35-10.0'), '1,maxcpus=10')).tables.get('DSDT')!.bytes,
];
const METHODS = ['\\MAIN', '\\_GPE._E02', '\\_SB.GED._EVT', '\\_SB.CPUS.CSCN', '\\_SB.CPUS.CTFY', '\\_SB.CPUS.C001._STA', '\\_SB.CPUS.C001._EJ0'];

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'bit'; at: number; bit: number }
  | { kind: 'truncate'; length: number; fixHeader: boolean }
  | { kind: 'length'; at: number; value: number };

const mutation = (size: number): fc.Arbitrary<Mutation> => fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(size - 1), value: fc.nat(255) }),
  // One bit: often still decodes (a constant, a name, a neighbouring opcode), so it reaches the evaluator.
  fc.record({ kind: fc.constant('bit' as const), at: fc.nat(size - 1), bit: fc.nat(7) }),
  fc.record({ kind: fc.constant('truncate' as const), length: fc.nat(size), fixHeader: fc.boolean() }),
  // A corrupted length: the header's Length, or any byte read as a PkgLength lead.
  fc.record({ kind: fc.constant('length' as const), at: fc.oneof(fc.constant(4), fc.nat(size - 1)), value: fc.oneof(fc.nat(255), fc.constant(0xff), fc.constant(0xc0)) }),
);

function apply(table: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let t = table.slice();
  for (const m of mutations) {
    if (m.kind === 'flip' && m.at < t.length) t[m.at] = m.value;
    if (m.kind === 'bit' && m.at < t.length) t[m.at]! ^= 1 << m.bit;
    if (m.kind === 'length' && m.at < t.length) t[m.at] = m.value;
    if (m.kind === 'truncate') {
      t = t.slice(0, m.length);
      if (m.fixHeader && t.length >= 8) new DataView(t.buffer).setUint32(4, t.length, true);
    }
  }
  return t;
}

/** Loads and runs a table; returns how it ended. Anything but AmlError fails the property. */
function exercise(table: Uint8Array): string {
  const interp = new Interpreter({ limits: { loopIterations: 2_000, callDepth: 32, operations: 100_000, timeMs: 250 } });
  const mem = new ByteMemory();
  interp.installAddressSpaceHandler('SystemIO', mem);
  interp.installAddressSpaceHandler('SystemMemory', mem);
  interp.installNotifyHandler(() => {});
  const outcome = (fn: () => unknown) => {
    try {
      fn();
      return 'ok';
    } catch (e) {
      if (e instanceof AmlError) return e.code;
      throw e;
    }
  };
  const load = outcome(() => interp.loadTable(table));
  if (load !== 'ok') return load;
  outcome(() => interp.runInitializers());
  for (const m of METHODS) if (interp.exists(m)) outcome(() => interp.evaluate(m, [integer(7), integer(1)]));
  outcome(() => interp.tree());
  return 'ran';
}

describe('mutated tables', () => {
  test('the unmutated tables run', () => {
    assert.deepEqual(TABLES.map(exercise), TABLES.map(() => 'ran'));
  });

  test('loading and running never throws anything but AmlError, and always ends', { timeout: 300_000 }, () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(fc.nat(TABLES.length - 1).chain((i) => fc.tuple(fc.constant(i), fc.array(mutation(TABLES[i]!.length), { minLength: 1, maxLength: 4 }))), ([i, muts]) => {
        const t0 = performance.now();
        const o = exercise(apply(TABLES[i]!, muts));
        outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
        // Each evaluation is bounded by timeMs (250 ms); a run does a handful.
        assert.ok(performance.now() - t0 < 10_000, 'a run took more than 10 s');
      }),
      { seed: SEED, numRuns: 100_000 },
    );
    console.log('fuzz outcomes', JSON.stringify([...outcomes]));
    // The mutations must reach both outcomes: rejected at decode, and loaded and run.
    assert.ok((outcomes.get('decode-error') ?? 0) > 100, JSON.stringify([...outcomes]));
    assert.ok((outcomes.get('ran') ?? 0) > 100, JSON.stringify([...outcomes]));
  });
});
