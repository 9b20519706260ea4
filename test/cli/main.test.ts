import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';
import { sumsToZero } from '../../src/acpi/index.ts';

const BIN = fileURLToPath(new URL('../../bin/cpuhp.js', import.meta.url));

/** Runs main() in-process and captures what it prints. */
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out, err };
}

describe('cpuhp tables: bad options give one line and status 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['maxcpus below cpus', ['-smp', '4,maxcpus=2'], /maxcpus must be equal to or greater than smp: .* == maxcpus \(2\) < smp_cpus \(4\)/],
    ['maxcpus above the limit of virt', ['-smp', '1,maxcpus=513'], /The max CPUs supported by machine 'virt' is 512/],
    ['maxcpus above the limit of q35', ['-machine', 'q35', '-smp', '1,maxcpus=4097'], /The max CPUs supported by machine 'q35' is 4096/],
    ['maxcpus above the limit of pc', ['-machine', 'pc', '-smp', '1,maxcpus=256'], /The max CPUs supported by machine 'pc' is 255/],
    ['an unknown machine', ['-machine', 'isapc'], /unsupported machine type: "isapc"/],
    ['a malformed -smp (not a number)', ['-smp', 'two'], /-smp: parameter 'cpus' expects a number, got 'two'/],
    ['a malformed -smp (unknown key)', ['-smp', '2,books=2'], /-smp: invalid parameter 'books'/],
    ['a malformed -smp (empty)', ['-smp', ''], /option '-smp' requires a value/],
    ['a malformed -smp (zero)', ['-smp', '0'], /must be greater than zero/],
    ['a malformed -smp (bad product)', ['-smp', '4,sockets=3,cores=1,threads=1,maxcpus=4'], /product of the hierarchy must match maxcpus/],
    ['a topology level the machine lacks', ['-machine', 'q35', '-smp', '4,clusters=2'], /clusters not supported/],
    ['an unknown option', ['--frobnicate'], /unknown option '--frobnicate'/],
    ['an unknown -machine property', ['-machine', 'q35,nvdimm=on'], /-machine: property 'nvdimm' is not supported/],
    ['a missing option value', ['-machine'], /option '-machine' requires a value/],
  ];
  for (const [what, args, message] of cases) {
    test(what, async () => {
      const r = await run('tables', '--out', join(tmpdir(), 'cpuhp-never-written'), ...args);
      assert.equal(r.status, 2);
      assert.equal(r.err.length, 1, `expected one line, got ${JSON.stringify(r.err)}`);
      assert.match(r.err[0]!, /^cpuhp: /);
      assert.match(r.err[0]!, message);
      assert.deepEqual(r.out, []);
      assert.equal(existsSync(join(tmpdir(), 'cpuhp-never-written')), false, 'nothing is written on bad input');
    });
  }

  test('through the real binary: status 2, one stderr line, no stack trace', () => {
    const r = spawnSync(process.execPath, [BIN, 'tables', '-machine', 'pc', '-smp', '1,maxcpus=300', '--out', 'x'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "cpuhp: Invalid SMP CPUs 300. The max CPUs supported by machine 'pc' is 255\n");
    assert.doesNotMatch(r.stderr, /\bat .*\.ts:\d+/);
  });

  test('an unknown command', async () => {
    const r = await run('frobnicate');
    assert.equal(r.status, 2);
    assert.match(r.err[0]!, /unknown command 'frobnicate'/);
  });

  test('--out is required', async () => {
    const r = await run('tables');
    assert.equal(r.status, 2);
    assert.match(r.err[0]!, /'--out DIR' is required/);
  });
});

describe('cpuhp tables: output', () => {
  test('writes each table as DIR/SIG.aml and the RSDP as DIR/RSDP.bin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpuhp-cli-'));
    try {
      const r = await run('tables', '-machine', 'q35', '-smp', '2,maxcpus=8', '--out', dir);
      assert.equal(r.status, 0, r.err.join('\n'));
      for (const sig of ['DSDT', 'FACP', 'APIC', 'XSDT', 'FACS']) {
        const bytes = readFileSync(join(dir, `${sig}.aml`));
        assert.equal(bytes.subarray(0, 4).toString('latin1'), sig);
        if (sig !== 'FACS') assert.ok(sumsToZero(bytes), `${sig} checksum`);
      }
      assert.equal(readFileSync(join(dir, 'RSDP.bin')).subarray(0, 8).toString('latin1'), 'RSD PTR ');
      assert.equal(r.out.length, 6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the default machine is arm64 virt, which has no FACS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpuhp-cli-'));
    try {
      assert.equal((await run('tables', '--out', dir)).status, 0);
      assert.equal(existsSync(join(dir, 'FACS.aml')), false);
      assert.equal(readFileSync(join(dir, 'APIC.aml')).length, 44 + 24 + 8 * 80 + 16 + 20); // GICD, 8 GICCs, GICR, ITS
      assert.equal(existsSync(join(dir, 'PPTT.aml')), true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('-machine accepts type=NAME as QEMU does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpuhp-cli-'));
    try {
      assert.equal((await run('tables', '-machine', 'type=pc', '--out', dir)).status, 0);
      assert.ok(existsSync(join(dir, 'FACS.aml')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('help: every command describes itself', () => {
  const commands = ['run', 'tables', 'aml', 'scenario', 'machines', 'help'];
  test('cpuhp help lists every command', async () => {
    const r = await run('help');
    assert.equal(r.status, 0);
    for (const c of commands) assert.match(r.out.join('\n'), new RegExp(`^  ${c} +\\S`, 'm'), c);
  });
  for (const c of commands) {
    test(`cpuhp ${c} --help, -h and cpuhp help ${c} print its synopsis and do nothing else`, async () => {
      for (const argv of [[c, '--help'], [c, '-h'], ['help', c]]) {
        const r = await run(...argv);
        assert.equal(r.status, 0, argv.join(' '));
        assert.deepEqual(r.err, []);
        assert.match(r.out[0] ?? '', new RegExp(`^usage: cpuhp ${c === 'help' ? 'help' : c}\\b`), argv.join(' '));
      }
    });
  }
  test('options are listed for the commands that have them', async () => {
    assert.match((await run('run', '--help')).out.join('\n'), /^options:\n {2}-machine, -M/m);
    assert.match((await run('tables', '--help')).out.join('\n'), /--out, -o/);
    assert.match((await run('scenario', '-h')).out.join('\n'), /--trace/);
  });
  test('--help after other options still helps; an AML argument after --call does not', async () => {
    assert.equal((await run('run', '-M', 'q35', '--help')).status, 0);
    const r = await run('aml', 'exec', 'missing.aml', '--call', '\\M', '-h');
    assert.notEqual(r.status, 0);
  });
  test('help for a command that does not exist is a usage error', async () => {
    const r = await run('help', 'frobnicate');
    assert.equal(r.status, 2);
    assert.match(r.err[0] ?? '', /unknown command 'frobnicate'/);
  });
});
