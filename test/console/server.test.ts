// The console's server without a browser: its address syntax, who may connect,
// the catch-up log and its gap, resuming from a sequence number, QMP through the
// page's session, and the recorder's steps (groups, rescans folded into one).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import WebSocket from 'ws';
import { main } from '../../src/cli/main.ts';
import { parseOptions } from '../../src/cli/options.ts';
import { ConsoleServer, parseConsoleAddress, RESCAN_STEP_LIMIT, slotOfPath, StepRecorder, type Group, type ServerMessage, type Step } from '../../src/console/index.ts';
import { StepLog } from '../../src/console/step-log.ts';
import { cpuObjectName } from '../../src/hotplug/aml.ts';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { Vm } from '../../src/vm/vm.ts';

function vm(smp = '1,maxcpus=8'): Vm {
  const v = new Vm(createMachineConfig(findMachineType('q35'), smp), { startPaused: false, guest: { autoOnline: true }, onQuit: () => {} });
  return v;
}

const plug = (v: Vm, core: number) => v.machine.deviceAdd({ driver: 'qemu64-x86_64-cpu', 'socket-id': 0, 'core-id': core, 'thread-id': 0, id: `cpu${core}` });

/** A page's connection: every message it got, and waits for one that matches. */
class TestPage {
  readonly messages: ServerMessage[] = [];
  private waiters: (() => void)[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      this.messages.push(JSON.parse(String(d)) as ServerMessage);
      for (const w of this.waiters) w();
    });
  }
  static async open(url: string, after: number): Promise<TestPage> {
    const u = new URL(url);
    const ws = new WebSocket(`ws://${u.host}/ws${u.search}`);
    // Listening before the upgrade completes: the greeting may come with it.
    const p = new TestPage(ws);
    await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
    ws.send(JSON.stringify({ type: 'resume', after }));
    return p;
  }
  steps(): Step[] {
    return this.messages.flatMap((m) => (m.type === 'batch' ? m.steps : []));
  }
  async until(ok: () => boolean): Promise<void> {
    while (!ok()) await new Promise<void>((r) => this.waiters.push(r));
    this.waiters = [];
  }
  close(): void {
    this.ws.close();
  }
}

describe('console address and options', () => {
  test('--console [HOST][:PORT]: loopback and a free port by default', () => {
    assert.deepEqual(parseConsoleAddress(true), { host: '127.0.0.1', port: 0 });
    assert.deepEqual(parseConsoleAddress('8080'), { host: '127.0.0.1', port: 8080 });
    assert.deepEqual(parseConsoleAddress('0.0.0.0:9000'), { host: '0.0.0.0', port: 9000 });
    assert.deepEqual(parseConsoleAddress('[::1]:9000'), { host: '::1', port: 9000 });
    assert.deepEqual(parseConsoleAddress('localhost'), { host: 'localhost', port: 0 });
    assert.throws(() => parseConsoleAddress('host:99999'), /port 99999 is out of range/);
    assert.throws(() => parseConsoleAddress('a:b:c'), /expected \[HOST\]\[:PORT\]/);
  });

  test('an option with an optional value takes the next word only when it is not an option', () => {
    const specs = [{ names: ['--console'], key: 'console', takesValue: true, optionalValue: true, help: '' }, { names: ['-S'], key: 'S', takesValue: false, help: '' }];
    assert.deepEqual(parseOptions(['--console'], specs), { console: true });
    assert.deepEqual(parseOptions(['--console', '-S'], specs), { console: true, S: true });
    assert.deepEqual(parseOptions(['--console', '127.0.0.1:80'], specs), { console: '127.0.0.1:80' });
    assert.deepEqual(parseOptions(['--console=9000'], specs), { console: '9000' });
  });

  test('run --console with a bad address: one line, status 2, nothing started', async () => {
    const err: string[] = [];
    assert.equal(await main(['run', '--console', 'a:b:c'], { out: () => {}, err: (l) => err.push(l) }), 2);
    assert.deepEqual(err, ["cpuhp: --console: expected [HOST][:PORT], got 'a:b:c'"]);
  });
});

describe('step log', () => {
  test('keeps the newest steps; older ones are a gap', () => {
    const log = new StepLog(4);
    const step = (seq: number): Step => ({ seq, time: 0, from: 'vmm', to: 'vmm', label: '', text: `s${seq}`, level: 'step', detail: {} });
    for (let i = 1; i <= 10; i++) log.add(step(i));
    assert.equal(log.firstSeq, 7);
    assert.deepEqual(log.after(0, 100).map((s) => s.seq), [7, 8, 9, 10]);
    assert.deepEqual(log.after(8, 100).map((s) => s.seq), [9, 10]);
    assert.deepEqual(log.after(7, 1).map((s) => s.seq), [8]);
    assert.throws(() => log.add(step(12)), /step 12 after 10/);
  });
});

describe('recorder', () => {
  test('a hot-add is one group, from device_add to the guest\'s _OST, with its steps in order', () => {
    const v = vm();
    const steps: Step[] = [];
    const groups: Group[] = [];
    const r = new StepRecorder(() => v.machine, { step: (s) => steps.push(s), group: (g) => groups.push(g), touch: () => {} });
    v.on((e) => {
      if (e.type === 'guest') r.guest(e.event, e.time);
      else if (e.type === 'machine') r.machine(e.event, 0);
      else r.qmpEvent(e.event, e.data, 0, e.event);
    });
    v.start();
    v.runGuest();
    r.qmpRequest('device_add', { 'core-id': 5 }, 0, 'client');
    plug(v, 5);
    r.qmpReply('device_add', { return: {} }, 0, 'client');
    v.runGuest();
    r.flush();
    assert.deepEqual(groups.map((g) => [g.kind, g.slot]), [['hot-add', 5]]);
    const mine = steps.filter((s) => s.group === groups[0]!.id);
    assert.equal(mine[0]!.label, 'device_add');
    assert.equal(mine[0]!.seq, groups[0]!.seq);
    assert.deepEqual(steps.map((s) => s.seq), steps.map((_, i) => i + 1));
    // The rescan's _STA reads of other slots stay in the hot-add; the VMM's ACPI_DEVICE_OST is its last step.
    assert.ok(mine.some((s) => s.text.includes('C007._STA')));
    assert.equal(mine.filter((s) => s.level === 'step').pop()!.label, 'ACPI_DEVICE_OST');
    assert.equal(steps.find((s) => s.seq > mine[mine.length - 1]!.seq && s.level === 'step')?.group, undefined, 'what comes after is not the hot-add\'s');
    const registers = mine.filter((s) => s.to === 'regs' && s.from === 'aml');
    assert.ok(registers.length > 0 && registers.every((s) => /^(read|write) /.test(s.label) && s.detail['offset'] !== undefined), 'register accesses name their register and offset');
  });

  test(`a rescan of more than ${RESCAN_STEP_LIMIT} processors is one step; the grid still gets each _STA`, () => {
    const v = vm('1,maxcpus=64');
    const steps: Step[] = [];
    const touched = new Set<number>();
    const r = new StepRecorder(() => v.machine, { step: (s) => steps.push(s), group: () => {}, touch: (s) => touched.add(s) });
    v.on((e) => (e.type === 'guest' ? r.guest(e.event, e.time) : e.type === 'machine' ? r.machine(e.event, 0) : undefined));
    v.start();
    v.runGuest();
    plug(v, 9);
    v.runGuest();
    r.flush();
    const folded = steps.filter((s) => s.text.startsWith('ACPI: _STA of '));
    assert.ok(folded.length >= 1, 'the rescan is folded');
    assert.match(folded[0]!.text, /_STA of \d+ processors, \\_SB\.CPUS\.C\w{3} \.\. \\_SB\.CPUS\.C\w{3}: \d+ × 0x0f, \d+ × 0x00/);
    assert.equal(r.sta.get(9), 0x0f);
    assert.equal(r.sta.get(63), 0);
    assert.ok(touched.has(63));
  });

  test('slotOfPath is cpuObjectName backwards', () => {
    for (const i of [0, 1, 10, 255, 4095]) assert.equal(slotOfPath(`\\_SB.CPUS.${cpuObjectName(i)}`), i);
    assert.equal(slotOfPath('\\_SB.CPUS.C00A._STA'), 10);
    assert.equal(slotOfPath('\\_SB.PCI0'), undefined);
  });
});

describe('console server', () => {
  /** A catch-up log that holds more than one hot-add at maxcpus=8 (some 120 steps) but less than boot and two. */
  const CATCH_UP = 150;
  test('a page resumes from its last step; one that was away too long gets a gap and the whole grid', async () => {
    const v = vm();
    const server = new ConsoleServer(v, { host: '127.0.0.1', port: 0 }, '/* page */', { catchUpSteps: CATCH_UP });
    const url = await server.listen();
    v.start();
    v.runGuest();
    try {
      const first = await TestPage.open(url, 0);
      await first.until(() => first.messages.some((m) => m.type === 'welcome'));
      const welcome = first.messages.find((m) => m.type === 'welcome')!;
      assert.equal(welcome.type === 'welcome' && welcome.slots.length, 8);
      plug(v, 2);
      v.runGuest();
      await first.until(() => first.steps().some((s) => s.label === 'ACPI_DEVICE_OST'));
      const seen = first.steps();
      // What the log could not hold is a gap, never a silent jump.
      let next = 1;
      for (const m of first.messages) {
        if (m.type === 'gap') {
          assert.equal(m.first, next);
          next = m.last + 1;
        }
        if (m.type === 'batch') for (const s of m.steps) assert.equal(s.seq, next++);
      }
      first.close();

      // While no page is there: another hot-add. A page that had the first half gets only the rest.
      plug(v, 3);
      v.runGuest();
      const half = seen[seen.length - 1]!.seq;
      const back = await TestPage.open(url, half);
      await back.until(() => back.steps().some((s) => s.label === 'ACPI_DEVICE_OST'));
      assert.equal(back.steps()[0]!.seq, half + 1);
      assert.ok(!back.messages.some((m) => m.type === 'gap'));
      back.close();

      // The log holds CATCH_UP steps: a page that has none of them gets a gap, then them, and the whole grid.
      const last = back.steps()[back.steps().length - 1]!.seq;
      const late = await TestPage.open(url, 1);
      await late.until(() => late.steps().some((s) => s.seq === last));
      const gap = late.messages.find((m) => m.type === 'gap');
      assert.deepEqual(gap, { type: 'gap', first: 2, last: last - CATCH_UP });
      assert.equal(late.steps()[0]!.seq, last - CATCH_UP + 1);
      const grid = late.messages.find((m) => m.type === 'welcome');
      assert.deepEqual(grid?.type === 'welcome' && grid.slots.filter((x) => x.vmm === 'enabled').map((x) => x.index), [0, 2, 3]);
      late.close();
    } finally {
      await server.close();
      v.halt();
    }
  });

  test('the page\'s QMP session answers, and its commands are steps', async () => {
    const v = vm();
    const server = new ConsoleServer(v, { host: '127.0.0.1', port: 0 }, '');
    const url = await server.listen();
    v.start();
    try {
      const page = await TestPage.open(url, 0);
      const qmp = () => page.messages.flatMap((m) => (m.type === 'qmp' ? [m.message as Record<string, unknown>] : []));
      page.ws.send(JSON.stringify({ type: 'qmp', text: '{"execute":"qmp_capabilities"}' }));
      page.ws.send(JSON.stringify({ type: 'qmp', text: '{"execute":"device_add","arguments":{"driver":"nope"}}' }));
      page.ws.send(JSON.stringify({ type: 'qmp', text: '{"execute":"query-status","id":7}' }));
      await page.until(() => qmp().length >= 4);
      assert.ok('QMP' in qmp()[0]!);
      assert.deepEqual(qmp()[2], { error: { class: 'GenericError', desc: "'nope' is not a valid device model name" } });
      assert.deepEqual(qmp()[3], { return: { status: 'running', running: true }, id: 7 });
      await page.until(() => page.steps().some((s) => s.label.startsWith('error:')));
      const texts = page.steps().filter((s) => s.from === 'qmp' || s.to === 'qmp').map((s) => s.label);
      assert.deepEqual(texts.slice(0, 2), ['device_add', "error: 'nope' is not a valid device model name"]);
      // A message that is not the protocol's closes the connection.
      const closed = new Promise((r) => page.ws.once('close', (code) => r(code)));
      page.ws.send('{"type":"launch"}');
      assert.equal(await closed, 1003);
    } finally {
      await server.close();
      v.halt();
    }
  });
});

test('run --console on an address other hosts reach: the URL and a warning, as for QMP', async () => {
  const { RunProcess } = await import('../cli/run-process.ts');
  const run = RunProcess.start(['run', '-machine', 'q35', '-smp', '1,maxcpus=2', '--console', '0.0.0.0:0']);
  try {
    const warning = await run.waitForLine(/^cpuhp: warning: the console/);
    assert.match(warning.input, /^cpuhp: warning: the console on http:\/\/0\.0\.0\.0:\d+\/ is reachable from other hosts; anyone with its URL can act on the VM$/);
    await run.waitForLine(/^cpuhp: console on http:\/\/0\.0\.0\.0:\d+\/\?token=[0-9a-f]{32}$/);
  } finally {
    assert.equal((await run.stop('SIGTERM')).code, 0);
  }
});
