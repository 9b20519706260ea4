// Peer test: our encoder against the real ASL compiler.
//
// Every case is an ASL snippet wrapped in its own `Device (Tnnn) { ... }` and the
// equivalent nodes wrapped in `new Device('Tnnn', nodes)`. All cases go into one
// DefinitionBlock, compiled by one iasl run; each case's bytes are then found by
// its device name, so one disagreement fails one subtest and does not shift the
// others.
//
// iasl runs with `-on` (no reference shortening): by default it rewrites
// `\T025.MCL0` to `MCL0` and drops the `\` of root paths where a shorter form
// resolves the same. QEMU, and we, write a NameString as given. Integer
// optimization stays on: iasl and QEMU's aml_int both write ZeroOp/OneOp and the
// shortest prefix; the one place they part (0xFFFFFFFFFFFFFFFF, which iasl folds
// into OnesOp) is pinned in data.test.ts and not used here. iasl also rewrites
// ASL+ assignments (`Local0 = Not (Arg0)` into `Not (Arg0, Local0)`) and folds
// constant expressions, so the snippets use the classic forms.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import { Device, If, Zero, toBytes } from '../../../src/aml/encode/index.ts';
import { IASL_PEER, requirePeer } from '../../peers/peer.ts';
import { assertBytes } from './helpers.ts';
import { CASES, type Case } from './iasl-cases.ts';

const run = promisify(execFile);

/** Decodes the PkgLength at `p`: its value and how many bytes it takes. */
function pkgLengthAt(aml: Uint8Array, p: number): { value: number; size: number } {
  const lead = aml[p] ?? 0;
  const size = (lead >> 6) + 1;
  if (size === 1) return { value: lead & 0x3f, size };
  let value = lead & 0x0f;
  for (let i = 1; i < size; i++) value |= (aml[p + i] ?? 0) << (4 + 8 * (i - 1));
  return { value, size };
}

/** The bytes of the top-level `Device (<device>)`, found by its name. */
function findDevice(aml: Uint8Array, device: string): Uint8Array {
  const seg = [...device].map((c) => c.charCodeAt(0));
  for (let i = 0; i + 2 < aml.length; i++) {
    if (aml[i] !== 0x5b || aml[i + 1] !== 0x82) continue; // DeviceOp
    const { value, size } = pkgLengthAt(aml, i + 2);
    const at = i + 2 + size;
    if (seg.every((c, k) => aml[at + k] === c)) return aml.subarray(i, i + 2 + value);
  }
  throw new Error(`Device (${device}) not found in iasl's output`);
}

/** Compiles every case in one DefinitionBlock; returns the AML after the 36-byte header. */
async function compileAll(cases: readonly Case[]): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'cpuhp-iasl-'));
  try {
    const body = cases.map((c) => `  Device (${c.device}) {\n      ${c.asl}\n  }`).join('\n');
    const source = `DefinitionBlock ("", "DSDT", 2, "CPUHP", "AGREE", 1)\n{\n${body}\n}\n`;
    await writeFile(join(dir, 'agree.asl'), source);
    try {
      await run('iasl', ['-on', '-p', join(dir, 'agree'), join(dir, 'agree.asl')], { timeout: 30_000 });
    } catch (err) {
      const out = (err as { stdout?: string; stderr?: string }).stdout ?? '';
      throw new Error(`iasl failed to compile the agreement snippets:\n${out}`, { cause: err });
    }
    const table = new Uint8Array(await readFile(join(dir, 'agree.aml')));
    assert.equal(String.fromCharCode(...table.subarray(0, 4)), 'DSDT');
    assert.equal(new DataView(table.buffer, table.byteOffset).getUint32(4, true), table.length);
    return table.subarray(36);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('iasl agreement', () => {
  test('there are at least 25 snippets, each in its own device', () => {
    assert.ok(CASES.length >= 25);
    assert.equal(new Set(CASES.map((c) => c.device)).size, CASES.length);
  });

  test('our bytes equal iasl -on for every snippet', async (t) => {
    if (!requirePeer(t, IASL_PEER)) return;
    const aml = await compileAll(CASES);
    for (const c of CASES) {
      await t.test(c.title, () => {
        assertBytes(new Device(c.device, c.nodes), [...findDevice(aml, c.device)]);
        if (c.hoisted) {
          assert.equal(aml[0], 0xa0, 'iasl starts the table with If (Zero)');
          const { value } = pkgLengthAt(aml, 1);
          assertBytes(toBytes(new If(Zero, c.hoisted)), [...aml.subarray(0, 1 + value)]);
        }
      });
    }
  });
});
