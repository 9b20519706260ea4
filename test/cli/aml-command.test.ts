import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DEFAULT_LIMITS } from '../../src/aml/interp/index.ts';
import { main } from '../../src/cli/main.ts';
import { listFirmwareSets } from '../aml/firmware/firmware-sets.ts';
import { buildAcpiTables } from '../../src/machine/acpi-build.ts';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';

const dir = mkdtempSync(join(tmpdir(), 'cpuhp-aml-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const dsdt = join(dir, 'DSDT.aml');
writeFileSync(dsdt, buildAcpiTables(createMachineConfig(findMachineType('q35'), '1,maxcpus=4')).tables.get('DSDT')!.bytes);

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out, err };
}

describe('cpuhp aml', () => {
  test('exec runs a method on plain memory and prints its accesses, notifies and result', async () => {
    // Flags byte 0x03 (enabled, inserting) and command data 1: CPU 1 has an insert event.
    const r = await run('aml', 'exec', dsdt, '--mem', 'io:0xcdc=03', '--mem', 'io:0xce0=01000000', '--call', '\\_GPE._E02');
    assert.equal(r.status, 0, r.err.join('\n'));
    assert.equal(r.out[0], '\\_GPE._E02()');
    assert.ok(r.out.includes('  NOTIFY \\_SB.CPUS.C001 0x01'));
    assert.ok(r.out.includes('  IO  W 0x0cdc w1 0x2'), 'CINS = One writes 0x02 (WriteAsZeros)');
    assert.equal(r.out.at(-1), 'Result: none');
  });

  test('--max-ops sets the operation budget: too small a budget ends the evaluation, a larger one lets it finish', async () => {
    const call = ['--mem', 'io:0xcdc=03', '--mem', 'io:0xce0=01000000', '--call', '\\_GPE._E02'];
    const small = await run('aml', 'exec', dsdt, '--quiet', '--max-ops', '5', ...call);
    assert.equal(small.status, 1);
    assert.match(small.out.at(-1)!, /^Error: operation-limit: /);
    const enough = await run('aml', 'exec', dsdt, '--quiet', '--max-ops', '100000', ...call);
    assert.equal(enough.status, 0, enough.out.join('\n'));
    // Plain memory never clears the event, so q35's CSCN takes it until its bound: two per slot.
    assert.deepEqual(enough.out.slice(-2), ['Result: none', 'Notifies: 8']);
  });

  for (const bad of ['0', '-1', 'x', '10000000001', '']) {
    test(`--max-ops ${JSON.stringify(bad)} is refused with one line and status 2`, async () => {
      const r = await run('aml', 'exec', dsdt, '--max-ops', bad, '--call', '\\_GPE._E02');
      assert.equal(r.status, 2);
      assert.deepEqual(r.err, ['cpuhp: aml: --max-ops takes a count of operations, 1..10000000000']);
      assert.deepEqual(r.out, []);
    });
  }

  test('exec passes arguments and prints the returned value', async () => {
    const r = await run('aml', 'exec', dsdt, '--mem', 'io:0xcdc=01', '--call', '\\_SB.CPUS.CSTA', '2');
    assert.deepEqual(r.out.slice(0, 2), ['\\_SB.CPUS.CSTA(Integer 0x2)', '  IO  W 0x0cd8 w4 0x2']);
    assert.equal(r.out.at(-1), 'Result: Integer 0xF');
  });

  test('an AML error is reported with its code and status 1', async () => {
    const r = await run('aml', 'exec', dsdt, '--call', '\\_SB.NOPE');
    assert.equal(r.status, 1);
    assert.match(r.out.at(-1)!, /^Error: undefined-reference/);
  });

  test('exec takes an acpidump file, initialises it, and answers _OSI from the list --osi changes', async () => {
    const dump = listFirmwareSets().find((s) => s.name === 'laptop')!.dumpPath;
    const r = await run('aml', 'exec', dump, '--init', '--osi', '!', '--osi', 'Windows 2012', '--call', '\\_SB.PCI0.LPCB.EC0._Q30');
    assert.equal(r.status, 0, r.err.join('\n'));
    assert.ok(r.out.includes('Initialize'));
    assert.ok(r.out.some((l) => /^ {2}FAILED \\_SB\.LNKA\._INI: divide-by-zero/.test(l)), r.out.join('\n'));
    assert.ok(r.out.includes('Initialized: 1 failed'));
    assert.ok(r.out.includes('  EC  W 0x0038 w2 0xbb8'), '_REG wrote the EC through its handler');
    // Only "Windows 2012" answers: OSYS is 0x7DC, and _Q30's Switch on it picks 0x3012.
    assert.equal(r.out.at(-1), 'Result: Integer 0x3012');
    const all = await run('aml', 'exec', dump, '--init', '--quiet', '--call', '\\_SB.PCI0.LPCB.EC0._Q30');
    assert.ok(all.out.includes('Result: Integer 0x3019'), all.out.join('\n'));
  });

  test('exec with --init and no --call only initialises; several binary tables in one file load', async () => {
    const both = join(dir, 'both.aml');
    const ssdt = buildAcpiTables(createMachineConfig(findMachineType('q35'), '1,maxcpus=4')).tables.get('DSDT')!.bytes;
    writeFileSync(both, Buffer.concat([Buffer.from(ssdt)]));
    const r = await run('aml', 'exec', both, '--init', '--quiet');
    assert.equal(r.status, 0, r.err.join('\n'));
    assert.deepEqual(r.out, ['Initialize', 'Initialized: 0 failed']);
    const bad = await run('aml', 'exec', dsdt, '--osi', 'x'.repeat(80), '--init');
    assert.equal(bad.status, 2);
    assert.match(bad.err[0]!, /--osi/);
  });

  test('tree prints the namespace', async () => {
    const r = await run('aml', 'tree', dsdt);
    assert.equal(r.status, 0);
    assert.ok(r.out.join('\n').includes('CSCN Method (0 args, Serialized'));
  });

  test('a 50 MB table is refused at once with a clear error; so is a device that never ends (issue 10)', async () => {
    // A valid header and 50 MB of Store (0x12, Local0) in one method: before the fix,
    // `aml exec` decoded all of it (82 s and 3.8 GB for a table of that size).
    const size = 50 << 20;
    const big = Buffer.alloc(size);
    big.write('DSDT', 0, 'latin1');
    big.writeUInt32LE(size, 4);
    big[8] = 2;
    for (let at = 36; at + 4 <= size; at += 4) big.writeUInt32BE(0x700a1260, at);
    const file = join(dir, 'big.aml');
    writeFileSync(file, big);
    const r = await run('aml', 'exec', file, '--call', '\\MAIN');
    assert.equal(r.status, 2);
    assert.deepEqual(r.err, [`cpuhp: aml: '${file}' is ${size} bytes, over the interpreter's limit of ${DEFAULT_LIMITS.tableBytes} bytes per table`]);
    const zero = await run('aml', 'tree', '/dev/zero');
    assert.equal(zero.status, 2);
    assert.deepEqual(zero.err, ["cpuhp: aml: cannot read '/dev/zero': not a regular file"]);
  });

  test('bad input gives one line and status 2', async () => {
    const bad = join(dir, 'bad.aml');
    writeFileSync(bad, Uint8Array.of(1, 2, 3));
    for (const argv of [['aml', 'exec', dsdt], ['aml', 'exec', join(dir, 'missing.aml'), '--call', 'X'], ['aml', 'tree', bad], ['aml', 'exec', dsdt, '--mem', 'io:zz', '--call', 'X'], ['aml', 'frob']]) {
      const r = await run(...argv);
      assert.equal(r.status, 2, argv.join(' '));
      assert.equal(r.err.length, 1);
    }
  });
});
