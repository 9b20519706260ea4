// Issue #6: `cpuhp run` as a VMM developer meets it. The real binary is
// started (x86 q35 and arm64 virt), a vCPU is hot-added and hot-removed over
// QMP, and the printed guest log and timeline must tell the story in order:
// the VMM enables the slot, the interrupt, Notify, _STA, the kernel's
// "CPUn has been hot-added" and "Booting ... Processor" (arm64: "Booted secondary
// processor"), _OST and its QMP event;
// then the eject request, "is now offline", DEVICE_DELETED, "hot-removed".
// Also: quit and SIGTERM both end it with status 0 and remove its socket, the
// socket is 0600, the default socket path, and TCP (port 0, 0.0.0.0 warning).

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { QmpTestClient, type QmpMessage } from '../qmp/qmp-client.ts';
import { inOrder, RunProcess } from './run-process.ts';
import { literal } from '../support/regexp.ts';

const dir = mkdtempSync(join(tmpdir(), 'cpuhp-run-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const QMP_LINE = /QMP on (unix|tcp):(\S+)$/;

interface Arch {
  readonly machine: string;
  readonly cpu: string;
  readonly props: Record<string, number>;
  /** The kernel's line for the new CPU coming up (x86 smpboot, arm64 smp.c). */
  readonly booted: RegExp;
  /** _STA of the slot after removal: x86 reports absent, arm64 present but disabled. */
  readonly staAfter: string;
  readonly interrupt: string;
}

const ARCHES: readonly Arch[] = [
  { machine: 'q35', cpu: 'qemu64-x86_64-cpu', props: { 'socket-id': 0, 'core-id': 1, 'thread-id': 0 }, booted: /^\[\s+\d+\.\d{6}\] smpboot: Booting Node 0 Processor 1 APIC 0x1$/, staAfter: '0x00', interrupt: 'SCI \\(IRQ 9\\)' },
  { machine: 'virt', cpu: 'max-arm-cpu', props: { 'socket-id': 0, 'cluster-id': 0, 'core-id': 1, 'thread-id': 0 }, booted: /^\[\s+\d+\.\d{6}\] CPU1: Booted secondary processor 0x0000000001$/, staAfter: '0x0d', interrupt: 'GED interrupt 41' },
];

const isOst = (source: number, status: number) => (e: QmpMessage) =>
  e['event'] === 'ACPI_DEVICE_OST' && JSON.stringify((e['data'] as { info: unknown }).info).includes(`"source":${source},"status":${status}`);

/** Starts `cpuhp run ARGS`, waits for its QMP line, connects and negotiates. */
async function start(args: readonly string[]): Promise<{ p: RunProcess; qmp: QmpTestClient; where: string; kind: string }> {
  const p = RunProcess.start(['run', ...args]);
  try {
    const m = await p.waitForLine(QMP_LINE);
    const kind = m[1]!;
    const where = m[2]!;
    const [host = '', port = ''] = kind === 'tcp' ? [where.slice(0, where.lastIndexOf(':')), where.slice(where.lastIndexOf(':') + 1)] : [];
    const target = kind === 'unix' ? where : { host: host === '0.0.0.0' ? '127.0.0.1' : host, port: Number(port) };
    const qmp = await QmpTestClient.negotiated(target, { label: `cpuhp run ${args.join(' ')}` });
    return { p, qmp, where, kind };
  } catch (e) {
    await p.stop('SIGKILL').catch(() => {});
    throw e;
  }
}

describe('cpuhp run shows a hot-add and a hot-remove readably', { timeout: 60_000 }, () => {
  for (const [i, arch] of ARCHES.entries()) {
    const stopWith = i === 0 ? 'quit' : 'SIGTERM';
    test(`${arch.machine}: device_add then device_del, stopped by ${stopWith}`, async () => {
      const sock = join(dir, `${arch.machine}.qmp`);
      const { p, qmp } = await start(['-machine', arch.machine, '-smp', '1,maxcpus=4', '-qmp', `unix:${sock},server=on,wait=off`]);
      try {
        assert.equal(statSync(sock).mode & 0o777, 0o600, 'the QMP socket is private to its user');
        assert.deepEqual(await qmp.execute('device_add', { driver: arch.cpu, id: 'c1', ...arch.props }), { return: {} });
        await qmp.waitForEvent(isOst(1, 0), 20_000);
        assert.deepEqual(await qmp.execute('device_del', { id: 'c1' }), { return: {} });
        await qmp.waitForEvent((e) => e['event'] === 'DEVICE_DELETED' && (e['data'] as { device?: string }).device === 'c1', 20_000);
        await qmp.waitForEvent(isOst(3, 0), 20_000);
        // The log lines of the removal's end are printed by now (same turn as the event).
        await p.waitForLine(/smpboot|has been hot-removed/);
        if (stopWith === 'quit') {
          assert.deepEqual(await qmp.execute('quit'), { return: {} });
        } else {
          p.child.kill('SIGTERM');
        }
        const exit = await p.stop();
        assert.deepEqual(exit, { code: 0, signal: null }, p.transcript());
        assert.equal(existsSync(sock), false, 'the socket is removed');
      } finally {
        qmp.close();
        await p.stop('SIGKILL').catch(() => {});
      }
      const out = p.stdout;
      assert.deepEqual(p.stderr, [], 'nothing on stderr');
      inOrder(out, [
        new RegExp(`^cpuhp: ${arch.machine} \\(\\w+\\), 1 of 4 vCPUs, running; QMP on unix:${literal(sock)}$`),
        /^\[\s+\d+\.\d{6}\] ACPI: 4 possible CPUs, 1 enabled at boot$/,
        /^\[\s+\d+\.\d{6}\] smp: Brought up 1 node, 1 CPU$/,
        // hot-add
        /^\[\s+\d+\.\d{6}\] VMM: vCPU 1 enabled \(c1\)$/,
        new RegExp(`^\\[\\s+\\d+\\.\\d{6}\\] ACPI: ${arch.interrupt}$`),
        /^\[\s+\d+\.\d{6}\] ACPI: Notify\(\\_SB\.CPUS\.C001, 0x1\) Device Check$/,
        /^\[\s+\d+\.\d{6}\] ACPI: \\_SB\.CPUS\.C001\._STA = 0x0f$/,
        /^\[\s+\d+\.\d{6}\] ACPI: CPU1 has been hot-added$/,
        arch.booted,
        /^\[\s+\d+\.\d{6}\] ACPI: \\_SB\.CPUS\.C001\._OST\(0x1, 0x0\) Device Check: success$/,
        /^\[\s+\d+\.\d{6}\] QMP: \{"event": "ACPI_DEVICE_OST", "data": \{"info":\{"device":"c1","slot":"1","slot-type":"CPU","source":1,"status":0\}\}\}$/,
        // hot-remove
        /^\[\s+\d+\.\d{6}\] ACPI: Notify\(\\_SB\.CPUS\.C001, 0x3\) Eject Request$/,
        /^\[\s+\d+\.\d{6}\] ACPI: \\_SB\.CPUS\.C001\._OST\(0x3, 0x84\) Eject Request: ejection in progress$/,
        /^\[\s+\d+\.\d{6}\] smpboot: CPU 1 is now offline$/,
        /^\[\s+\d+\.\d{6}\] ACPI: \\_SB\.CPUS\.C001: Ejecting$/,
        /^\[\s+\d+\.\d{6}\] QMP: \{"event": "DEVICE_DELETED", "data": \{"device":"c1","path":"\/machine\/peripheral\/c1"\}\}$/,
        new RegExp(`^\\[\\s+\\d+\\.\\d{6}\\] ACPI: \\\\_SB\\.CPUS\\.C001\\._STA = ${arch.staAfter}$`),
        /^\[\s+\d+\.\d{6}\] ACPI: CPU1 has been hot-removed$/,
        /^\[\s+\d+\.\d{6}\] ACPI: \\_SB\.CPUS\.C001\._OST\(0x3, 0x0\) Eject Request: success$/,
        /^\[\s+\d+\.\d{6}\] QMP: \{"event": "ACPI_DEVICE_OST", "data": \{"info":\{"slot":"1","slot-type":"CPU","source":3,"status":0\}\}\}$/,
        /^cpuhp: stopped$/,
      ]);
      // Every line is one of the readable kinds: no raw dumps, no stack traces.
      for (const line of out) assert.match(line, /^(cpuhp: |\[\s+\d+\.\d{6}\] )/, `unexpected line: ${line}`);
    });
  }
});

describe('cpuhp run: QMP endpoints', { timeout: 60_000 }, () => {
  test('the default socket is in the temp dir, named after the pid, 0600, removed on SIGTERM', async () => {
    const { p, qmp, where, kind } = await start(['-smp', '1,maxcpus=2']);
    try {
      assert.equal(kind, 'unix');
      assert.equal(where, join(tmpdir(), `cpuhp-${p.child.pid}.qmp`));
      assert.equal(statSync(where).mode & 0o777, 0o600);
      assert.deepEqual((await qmp.execute('query-status'))['return'], { status: 'running', running: true });
      assert.deepEqual(await p.stop('SIGTERM'), { code: 0, signal: null });
      assert.equal(existsSync(where), false);
    } finally {
      qmp.close();
      await p.stop('SIGKILL').catch(() => {});
    }
  });

  test('-qmp tcp:127.0.0.1:0 listens on a free port and prints the real one, without a warning', async () => {
    const { p, qmp, where } = await start(['-smp', '1,maxcpus=2', '-qmp', 'tcp:127.0.0.1:0']);
    try {
      const port = Number(where.split(':').at(-1));
      assert.ok(Number.isInteger(port) && port > 0, `printed ${where}`);
      assert.ok(!p.stdout.some((l) => /warning/.test(l)));
      assert.deepEqual(await qmp.execute('quit'), { return: {} });
      assert.deepEqual(await p.stop(), { code: 0, signal: null });
    } finally {
      qmp.close();
      await p.stop('SIGKILL').catch(() => {});
    }
  });

  test('-qmp tcp:0.0.0.0:PORT warns that QMP is reachable from other hosts', async () => {
    const { p, qmp } = await start(['-smp', '1,maxcpus=2', '-qmp', 'tcp:0.0.0.0:0,server=on,wait=off']);
    try {
      inOrder(p.stdout, [/^cpuhp: warning: QMP on 0\.0\.0\.0 is reachable from other hosts and has no authentication$/, /QMP on tcp:0\.0\.0\.0:[1-9][0-9]*$/]);
      assert.deepEqual(await qmp.execute('quit'), { return: {} });
      assert.deepEqual(await p.stop(), { code: 0, signal: null });
    } finally {
      qmp.close();
      await p.stop('SIGKILL').catch(() => {});
    }
  });
});
