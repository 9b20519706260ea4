// `cpuhp scenario FILE.json` (src/scenario, src/cli/scenario-command.ts): every
// example passes; a bad file is one line and status 2; a failed step is one line
// and status 1, after the timeline up to it.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';
import { scenarioCommand } from '../../src/cli/scenario-command.ts';
import { ScenarioFileError } from '../../src/scenario/index.ts';
import { UsageError } from '../../src/cli/usage-error.ts';
import { MachineConfigError } from '../../src/topology/errors.ts';
import { ScenarioError, SCENARIO_LIMITS } from '../../src/scenario/index.ts';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cpuhp-scenario-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Writes a scenario (an object, or raw text) to a temporary file and returns its path. */
function file(doc: unknown): string {
  const path = join(dir, `s${files++}.json`);
  writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return path;
}

function run(...argv: string[]): { status: number; out: string[] } {
  const out: string[] = [];
  return { status: scenarioCommand(argv, (l) => out.push(...l.split('\n'))), out };
}

const q35 = (steps: unknown[], extra: Record<string, unknown> = {}) => ({ machine: 'q35', smp: '1,maxcpus=4', steps, ...extra });
const add = (core: number, id = `cpu${core}`) => ({ device_add: { driver: 'qemu64-x86_64-cpu', 'socket-id': 0, 'core-id': core, 'thread-id': 0, id } });

describe('the examples', () => {
  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();
  test('there are the four the issue asks for, at least', () => {
    for (const f of ['x86-hotplug.json', 'x86-72-remove-behind-insert.json', 'arm64-hotplug.json', 'migration-72-to-current.json']) {
      assert.ok(examples.includes(f), f);
    }
  });
  for (const f of examples) {
    test(f, () => {
      const r = run(join(EXAMPLES, f));
      assert.equal(r.status, 0);
      assert.match(r.out.at(-5) ?? '', /: passed$/);
      assert.ok(r.out.some((l) => /^\[ +\d+\.\d{6}\] ACPI: Notify\(/.test(l)), 'kernel-style timeline lines');
    });
  }
});

describe('a bad scenario file: one line, ScenarioFileError or MachineConfigError (status 2), nothing run', () => {
  const cases: [string, unknown, RegExp, typeof ScenarioFileError | typeof MachineConfigError][] = [
    ['not JSON', '{"machine": "q35",', /not valid JSON/, ScenarioFileError],
    ['not an object', '[1]', /expected an object, got an array/, ScenarioFileError],
    ['an unknown top-level key', { ...q35([{ run: true }]), machin: 'q35' }, /unknown key 'machin'/, ScenarioFileError],
    ['no machine', { smp: '1', steps: [{ run: true }] }, /missing key 'machine'/, ScenarioFileError],
    ['no steps', q35([]), /steps: expected at least one step/, ScenarioFileError],
    ['an unknown machine', { ...q35([{ run: true }]), machine: 'isapc' }, /machine: unsupported machine type: "isapc"/, MachineConfigError],
    ['an impossible -smp', { ...q35([{ run: true }]), smp: '1,maxcpus=5000' }, /The max CPUs supported by machine 'q35' is 4096/, MachineConfigError],
    ['a guest option of the wrong type', q35([{ run: true }], { guest: { autoOnline: 'yes' } }), /guest.autoOnline: expected true or false, got "yes"/, ScenarioFileError],
    ['an unknown guest option', q35([{ run: true }], { guest: { udev: true } }), /guest: unknown key 'udev'/, ScenarioFileError],
    ['an unknown action', q35([{ reboot: true }]), /steps\[0\]: no action .*unknown key 'reboot'/, ScenarioFileError],
    ['two actions in a step', q35([{ run: true, step: 1 }]), /steps\[0\]: one action per step, got run and step/, ScenarioFileError],
    ['a modifier the action does not take', q35([{ run: true, error: 'x' }]), /steps\[0\]: unknown key 'error'/, ScenarioFileError],
    ['run: 1', q35([{ run: 1 }]), /steps\[0\].run: expected true, got 1/, ScenarioFileError],
    ['step: 0', q35([{ step: 0 }]), /steps\[0\].step: expected an integer in 1\.\.100000, got 0/, ScenarioFileError],
    ['a device_add without driver', q35([{ device_add: { id: 'x' } }]), /device_add: missing key 'driver'/, ScenarioFileError],
    ['a device_add value that is an object', q35([{ device_add: { driver: 'x', 'core-id': { n: 1 } } }]), /device_add.core-id: expected a string or an integer/, ScenarioFileError],
    ['a device_add of null', q35([{ device_add: null }]), /steps\[0\].device_add: expected an object, got null/, ScenarioFileError],
    ['an _STA map of null', q35([{ expect: { sta: null } }]), /expect.sta: expected an object, got null/, ScenarioFileError],
    ['event data that is not an object', q35([{ expect: { events: [{ event: 'X', data: 3 }] } }]), /events\[0\].data: expected an object, got 3/, ScenarioFileError],
    ['a step that is a string', q35(['run']), /steps\[0\]: expected a step object, got "run"/, ScenarioFileError],
    ['a device_del with an empty id', q35([{ device_del: '' }]), /device_del: expected a non-empty string/, ScenarioFileError],
    ['a load before any save', q35([{ load: 'x' }]), /load: no earlier 'save' step named 'x'/, ScenarioFileError],
    ['a load into an unknown machine', q35([{ save: 'x' }, { load: 'x', machine: 'pc-q35-1.0' }]), /steps\[1\].machine: unsupported machine type/, MachineConfigError],
    ['a load into a machine too small for -smp', { ...q35([{ save: 'x' }, { load: 'x', machine: 'pc' }]), smp: '1,maxcpus=300' }, /max CPUs supported by machine 'pc' is 255/, MachineConfigError],
    ['an empty expect', q35([{ expect: {} }]), /expect: expected at least one check/, ScenarioFileError],
    ['an unknown check', q35([{ expect: { cpus: [0] } }]), /expect: unknown key 'cpus'/, ScenarioFileError],
    ['a CPU number out of range', q35([{ expect: { online: [0, 4] } }]), /expect.online\[1\]: expected an integer in 0\.\.3, got 4/, ScenarioFileError],
    ['an _STA that is not a number', q35([{ expect: { sta: { C001: '15' } } }]), /expect.sta.C001: expected an integer/, ScenarioFileError],
    ['an _OST entry missing its status', q35([{ expect: { ost: [{ path: 'C001', source: 1 }] } }]), /expect.ost\[0\]: missing key 'status'/, ScenarioFileError],
    ['a guest check before the boot step', q35([{ expect: { online: [0] } }, { boot: true }]), /steps\[0\]: 'expect' needs the guest/, ScenarioFileError],
    ['two boot steps', q35([{ boot: true }, { boot: true }]), /steps\[1\]: the guest boots only once/, ScenarioFileError],
    ['maxGuestSteps beyond the bound', q35([{ run: true }], { maxGuestSteps: SCENARIO_LIMITS.maxGuestSteps + 1 }), /maxGuestSteps: expected an integer/, ScenarioFileError],
    ['too many steps', q35(Array.from({ length: SCENARIO_LIMITS.steps + 1 }, () => ({ run: true }))), /steps: at most 10000 entries/, ScenarioFileError],
  ];
  for (const [what, doc, message, kind] of cases) {
    test(what, () => {
      const path = file(doc);
      const out: string[] = [];
      assert.throws(() => scenarioCommand([path], (l) => out.push(l)), (e: unknown) => {
        assert.ok(e instanceof kind, `${(e as Error).name}: ${(e as Error).message}`);
        assert.match(e.message, message);
        assert.ok(e.message.startsWith(`scenario ${path}: `), e.message);
        assert.doesNotMatch(e.message, /\n/);
        return true;
      });
      assert.deepEqual(out, [], 'nothing ran');
    });
  }

  test('a file that does not exist, and bad arguments', () => {
    assert.throws(() => run(join(dir, 'missing.json')), /cannot read it \(ENOENT\)/);
    assert.throws(() => run(), (e: unknown) => e instanceof UsageError && /a FILE.json is required/.test(e.message));
    assert.throws(() => run('a.json', 'b.json'), /one FILE.json, got 2/);
    assert.throws(() => run(file(q35([{ run: true }])), '--verbose'), /unknown option '--verbose'/);
  });
});

describe('a step that fails: ScenarioError (status 1) naming the step, after the timeline up to it', () => {
  const fails = (doc: unknown, message: RegExp) => {
    const out: string[] = [];
    const path = file(doc);
    assert.throws(() => scenarioCommand([path], (l) => out.push(l)), (e: unknown) => {
      assert.ok(e instanceof ScenarioError, String(e));
      assert.ok(e.message.startsWith(`scenario ${path}: `), e.message);
      assert.match(e.message.slice(`scenario ${path}: `.length), message);
      assert.doesNotMatch(e.message, /\n/);
      return true;
    });
    return out;
  };

  test('an expectation that does not hold', () => {
    const out = fails(q35([add(1), { run: true }, { expect: { online: [0], vmmCpus: [0, 1] } }]), /^steps\[2\] \(expect\): guest online CPUs are \[0,1\], expected \[0\]$/);
    assert.ok(out.some((l) => /CPU1 has been hot-added/.test(l)), 'the timeline up to the failure was printed');
    assert.ok(!out.some((l) => /passed/.test(l)));
  });

  test('every failed check of a step is in the one line', () => {
    fails(q35([add(1), { run: true }, { expect: { sta: { C001: 0 }, notify: [], events: [{ event: 'DEVICE_DELETED' }] } }]),
      /_SB.CPUS.C001._STA is 0xf, expected 0x0; notifies since the last expect were \[C001:1\], expected \[\]; QMP events since the last expect were \[ACPI_DEVICE_OST\{.*\}\], expected \[DEVICE_DELETED\]/);
  });

  test('ost, log, latches, consistent and an unknown processor name', () => {
    fails(q35([add(1), { run: true }, { expect: { ost: [{ path: 'C001', source: 1, status: 1 }] } }]), /_OST since the last expect were \[C001\(0x1,0x0\)\], expected \[C001\(0x1,0x1\)\]/);
    fails(q35([add(1), { run: true }, { expect: { log: ['CPU1 has been hot-removed'] } }]), /no guest log line containing "CPU1 has been hot-removed"/);
    fails(q35([add(1), { expect: { latches: { insert: [] } } }]), /insert events latched for slots \[1\], expected \[\]/);
    fails(q35([add(1), { expect: { consistent: true } }]), /guest online hardware ids \[0\] differ from the VMM's \[0,1\], expected them to be equal/);
    fails(q35([{ expect: { sta: { C009: 15 } } }]), /no processor object named C009/);
  });

  test('a request the VMM refuses, unless the step expects exactly that', () => {
    fails(q35([add(0, 'again')]), /^steps\[0\] \(device_add\): CPU\[0\] with APIC ID 0 exists$/);
    fails(q35([{ device_del: 'nope' }]), /^steps\[0\] \(device_del\): Device 'nope' not found$/);
    fails(q35([{ ...add(0, 'again'), error: 'Duplicate' }]), /refused with "CPU\[0\] with APIC ID 0 exists", expected an error containing "Duplicate"/);
    fails(q35([{ ...add(1), error: 'exists' }]), /succeeded, expected an error containing "exists"/);
    const r = run(file(q35([{ ...add(0, 'again'), error: 'exists' }])));
    assert.equal(r.status, 0);
  });

  test('a migration stream that does not fit', () => {
    fails(q35([{ save: 's' }, { load: 's', machine: 'virt' }]), /^steps\[1\] \(load\): cannot load the state of machine 'q35' into 'virt' \(chipset q35, not virt\)$/);
  });

  test('a guest that stays busy beyond maxGuestSteps', () => {
    fails(q35([add(1), add(2), { run: true }], { maxGuestSteps: 2 }), /^steps\[2\] \(run\): the guest is still busy after 2 steps \(maxGuestSteps\)$/);
  });
});

describe('what the command prints', () => {
  const doc = q35([add(1), { run: true }, { device_del: 'cpu1' }, { run: true }]);

  test('a timeline of dmesg-style lines with both sides, then a summary', () => {
    const { out } = run(file(doc));
    const want = [
      /^\[ +0\.000000\] >>> steps\[0\]: device_add qemu64-x86_64-cpu,socket-id=0,core-id=1,thread-id=0,id=cpu1$/,
      /^\[ +0\.000000\] VMM: IRQ 9 raised$/,
      /^\[ +0\.001000\] ACPI: SCI \(IRQ 9\)$/,
      /^\[ +0\.001000\] ACPI: Notify\(\\_SB\.CPUS\.C001, 0x1\) Device Check$/,
      /^\[ +0\.002000\] ACPI: \\_SB\.CPUS\.C001\._STA = 0x0f$/,
      /^\[ +0\.002000\] ACPI: CPU1 has been hot-added$/,
      /^\[ +0\.002000\] ACPI: \\_SB\.CPUS\.C001\._OST\(0x1, 0x0\) Device Check: success$/,
      /^\[ +0\.002000\] QMP: \{"event": "ACPI_DEVICE_OST", "data": \{"info":\{"device":"cpu1"/,
      /ACPI: \\_SB\.CPUS\.C001\._OST\(0x3, 0x84\) Eject Request: ejection in progress$/,
      /ACPI: \\_SB\.CPUS\.C001: Ejecting$/,
      /QMP: \{"event": "DEVICE_DELETED", "data": \{"path":"\/machine\/peripheral\/cpu1\/lapic"\}\}$/,
      /^scenario .*: passed$/,
      /^ {2}guest: {5}2 interrupts, 1 Device Check, 1 Eject Request, 3 _OST; online CPUs \[0\]$/,
      /^ {2}VMM: {7}vCPUs \[0\]; QMP events: 3 ACPI_DEVICE_OST, 2 DEVICE_DELETED; \d+ hot-plug register accesses$/,
    ];
    let at = 0;
    for (const re of want) {
      const i = out.findIndex((l, j) => j >= at && re.test(l));
      assert.ok(i >= 0, `no line matching ${re} after line ${at}:\n${out.join('\n')}`);
      at = i + 1;
    }
  });

  test('--quiet: the summary alone; --trace: AML and QEMU trace points; --io: register accesses', () => {
    const path = file(doc);
    assert.equal(run(path, '--quiet').out.length, 5);
    const trace = run(path, '--trace').out;
    assert.ok(trace.some((l) => /AML: \\_GPE\._E02\(\)/.test(l)));
    assert.ok(trace.some((l) => /VMM trace: cpuhp_acpi_write_idx set active cpu idx: 0x1/.test(l)));
    assert.ok(!trace.some((l) => / io: /.test(l)));
    const io = run(path, '--io').out;
    assert.ok(io.some((l) => /io: write SystemIO 0xcd8\/4 <- 0x1$/.test(l)), io.filter((l) => /io:/.test(l)).slice(0, 3).join('\n'));
  });
});

describe('through cpuhp main', () => {
  const viaMain = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    return { status: await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }), out, err };
  };
  test('status 0 for an example, 2 for a bad file, 1 for a failed step, one stderr line each', async () => {
    assert.equal((await viaMain('scenario', join(EXAMPLES, 'x86-hotplug.json'))).status, 0);
    const bad = await viaMain('scenario', file({ machine: 'q35' }));
    assert.deepEqual([bad.status, bad.err.length], [2, 1]);
    const failed = await viaMain('scenario', file(q35([{ expect: { vmmCpus: [1] } }])));
    assert.deepEqual([failed.status, failed.err.length], [1, 1]);
    assert.match(failed.err[0]!, /^cpuhp: scenario .*\.json: steps\[0\] \(expect\): VMM vCPUs are \[0\], expected \[1\]$/);
  });
});
