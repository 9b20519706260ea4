// Issue 10: `cpuhp run` ends the way QEMU does, whoever ends it, and leaves nothing
// behind. Checked against QEMU 10.0 (-pidfile, SIGTERM):
// - SIGTERM, SIGINT and SIGHUP: SHUTDOWN {guest: false, reason: "host-signal"} to
//   the QMP clients, the socket and the pid file removed, status 0, and "cpuhp:
//   stopped" is the last line;
// - -pidfile FILE holds the pid; a second VM on the same file is refused with
//   QEMU's "cannot create PID file: Cannot lock pid file: ...";
// - killing `npx cpuhp run` (npm, whose shell passes no signal on) ends the VM:
//   before the fix it lived on as an orphan;
// - -incoming file:PATH loads a state at start-up; a state that does not load ends
//   the VM with status 1 and QEMU's "load of migration failed: ...".

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { PARENT_POLL_MS } from '../../src/cli/parent-watch.ts';
import { scaled } from '../support/load-scale.ts';
import { QmpTestClient } from '../qmp/qmp-client.ts';
import { REPO } from './quick-start.ts';
import { RunProcess } from './run-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'cpuhp-signals-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const QMP_LINE = /QMP on unix:(\S+)$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `pid` is gone; false if it outlives `ms`. */
async function gone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

describe('cpuhp run ends on host signals as QEMU does (issue 10)', { timeout: 120_000 }, () => {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    test(`${signal}: SHUTDOWN host-signal, socket and pid file removed, status 0, "stopped" last`, async () => {
      const sock = join(dir, `${signal}.qmp`);
      const pidfile = join(dir, `${signal}.pid`);
      const p = RunProcess.start(['run', '-machine', 'q35', '-smp', '1,maxcpus=2', '-qmp', `unix:${sock},server=on,wait=off`, '-pidfile', pidfile]);
      try {
        await p.waitForLine(QMP_LINE);
        assert.equal(readFileSync(pidfile, 'latin1'), `${p.child.pid}\n`);
        const qmp = await QmpTestClient.negotiated(sock);
        p.child.kill(signal);
        const shutdown = await qmp.waitForEvent((e) => e['event'] === 'SHUTDOWN');
        assert.deepEqual(shutdown['data'], { guest: false, reason: 'host-signal' });
        await qmp.closed;
        assert.deepEqual(await p.stop(), { code: 0, signal: null }, p.transcript());
        assert.equal(existsSync(sock), false, 'the socket is removed');
        assert.equal(existsSync(pidfile), false, 'the pid file is removed');
        assert.equal(p.stdout.at(-1), 'cpuhp: stopped', p.transcript());
        assert.ok(p.stdout.includes(`cpuhp: terminating on signal ${signal === 'SIGTERM' ? 15 : signal === 'SIGINT' ? 2 : 1}`), p.transcript());
      } finally {
        await p.stop('SIGKILL').catch(() => {});
      }
    });
  }

  test("-pidfile: a second VM on a live VM's pid file is refused; a missing directory too", async () => {
    const pidfile = join(dir, 'shared.pid');
    const first = RunProcess.start(['run', '-qmp', `unix:${join(dir, 'first.qmp')},server=on,wait=off`, '-pidfile', pidfile]);
    try {
      await first.waitForLine(QMP_LINE);
      const second = RunProcess.start(['run', '-qmp', `unix:${join(dir, 'second.qmp')},server=on,wait=off`, '-pidfile', pidfile]);
      assert.deepEqual(await second.stop(), { code: 2, signal: null });
      assert.deepEqual(second.stderr, ['cpuhp: cannot create PID file: Cannot lock pid file: Resource temporarily unavailable']);
      assert.equal(readFileSync(pidfile, 'latin1'), `${first.child.pid}\n`, "the first VM's file is untouched");
      const third = RunProcess.start(['run', '-pidfile', '/nonexistent/dir/x.pid']);
      assert.deepEqual(await third.stop(), { code: 2, signal: null });
      assert.deepEqual(third.stderr, ["cpuhp: cannot create PID file: Could not create '/nonexistent/dir/x.pid': No such file or directory"]);
    } finally {
      await first.stop('SIGTERM').catch(() => {});
    }
    assert.equal(existsSync(pidfile), false);
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    test(`${signal} to \`npx cpuhp run\` ends the VM it started (no orphan)`, async () => {
      const sock = join(dir, `npx-${signal}.qmp`);
      const pidfile = join(dir, `npx-${signal}.pid`);
      // npx as a reader runs it: npm -> sh -> node bin/cpuhp.js, in its own process group.
      const child = spawn('npx', ['cpuhp', 'run', '-qmp', `unix:${sock},server=on,wait=off`, '-pidfile', pidfile], { cwd: REPO, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
      const p = RunProcess.adopt(child, { group: true });
      try {
        await p.waitForLine(QMP_LINE, scaled(60_000));
        const vmPid = Number(readFileSync(pidfile, 'latin1'));
        assert.notEqual(vmPid, child.pid, 'npx runs the VM in another process');
        child.kill(signal);
        assert.ok(await gone(vmPid, scaled(10 * PARENT_POLL_MS + 5_000)), `the VM (pid ${vmPid}) outlived npx\n${p.transcript()}`);
        assert.equal(existsSync(sock), false, 'the socket is removed');
        assert.equal(existsSync(pidfile), false, 'the pid file is removed');
      } finally {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    });
  }
});

describe('cpuhp run -incoming (issue 10)', { timeout: 120_000 }, () => {
  test('file:PATH loads the state at start-up; the VM runs with its vCPUs', async () => {
    const src = join(dir, 'src.qmp');
    const state = join(dir, 'start.state');
    const a = RunProcess.start(['run', '-machine', 'q35', '-smp', '1,maxcpus=4', '-qmp', `unix:${src},server=on,wait=off`]);
    try {
      await a.waitForLine(QMP_LINE);
      const qa = await QmpTestClient.negotiated(src);
      assert.deepEqual(await qa.execute('device_add', { driver: 'qemu64-x86_64-cpu', id: 'c3', 'socket-id': 0, 'core-id': 3, 'thread-id': 0 }), { return: {} });
      assert.deepEqual(await qa.execute('migrate', { uri: `file:${state}` }), { return: {} });
      await qa.waitForEvent((e) => e['event'] === 'STOP');
      for (let s = ''; s !== 'completed'; s = String(((await qa.execute('query-migrate'))['return'] as { status?: string }).status));
      assert.deepEqual(await qa.execute('quit'), { return: {} });
    } finally {
      await a.stop('SIGKILL').catch(() => {});
    }
    const dst = join(dir, 'dst.qmp');
    const b = RunProcess.start(['run', '-machine', 'q35', '-smp', '1,maxcpus=4', '-qmp', `unix:${dst},server=on,wait=off`, '-incoming', `file:${state}`]);
    try {
      await b.waitForLine(QMP_LINE);
      const qb = await QmpTestClient.negotiated(dst);
      let status = '';
      while (status !== 'completed') status = String(((await qb.execute('query-migrate'))['return'] as { status?: string }).status);
      const hot = (await qb.execute('query-hotpluggable-cpus'))['return'] as { props: { 'core-id': number }; 'qom-path'?: string }[];
      assert.equal(hot.find((h) => h.props['core-id'] === 3)?.['qom-path'], '/machine/peripheral/c3');
      assert.deepEqual((await qb.execute('query-status'))['return'], { status: 'running', running: true });
      await qb.execute('quit');
      assert.deepEqual(await b.stop(), { code: 0, signal: null });
    } finally {
      await b.stop('SIGKILL').catch(() => {});
    }
  });

  test("a file that cannot be opened or loaded ends the VM with status 1 and QEMU's words", async () => {
    const junk = join(dir, 'junk.state');
    writeFileSync(junk, 'not a state at all');
    const cases: [string, string][] = [
      ['file:/nonexistent', "cpuhp: -incoming file:/nonexistent: Could not open '/nonexistent': No such file or directory"],
      [`file:${junk}`, 'cpuhp: load of migration failed: not a cpuhp machine state (bad magic)'],
    ];
    for (const [incoming, line] of cases) {
      const p = RunProcess.start(['run', '-qmp', `unix:${join(dir, 'bad.qmp')},server=on,wait=off`, '-incoming', incoming]);
      assert.deepEqual(await p.stop(undefined, scaled(20_000)), { code: 1, signal: null }, p.transcript());
      assert.deepEqual(p.stderr, [line]);
      assert.equal(p.stdout.at(-1), 'cpuhp: stopped');
    }
    const bad = RunProcess.start(['run', '-incoming', 'tcp:1.2.3.4:5']);
    assert.deepEqual(await bad.stop(), { code: 2, signal: null });
    assert.deepEqual(bad.stderr, ["cpuhp: -incoming tcp:1.2.3.4:5: cpuhp migrates only to and from file:PATH, not 'tcp:1.2.3.4:5'"]);
  });
});
