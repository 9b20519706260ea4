// Differential test against a live QEMU 7.2 (q35, -smp 1,maxcpus=4): the same host
// operations (device_add, device_del) and guest register accesses (qtest in/out) go to
// QEMU and to our controller, and everything observable must agree: every value read,
// QEMU's `-trace 'cpuhp_*'` lines against ours, ACPI_DEVICE_OST events and
// query-acpi-ospm-status. Under KVM (with -S no guest code runs) the eject is included;
// under TCG QEMU 7.2 tends to crash after an eject (peers/README.md §3), so it is left out.
import assert from 'node:assert/strict';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  CpuHotplugController,
  PRESENCE_TOGGLES,
  formatTraceEvent,
  type AcpiOstInfo,
  type CpuRef,
} from '../../src/hotplug/index.ts';
import { QEMU_PEER, requirePeer } from '../peers/peer.ts';
import { QTest } from '../peers/qtest.ts';

const BASE = 0x0cd8;

/** Just enough QMP: execute commands, collect events. */
class Qmp {
  readonly events: { event: string; data?: Record<string, unknown> }[] = [];
  private buf = '';
  private waiting: ((msg: Record<string, unknown>) => void)[] = [];

  private constructor(private readonly sock: Socket) {
    sock.setEncoding('utf8');
    sock.on('data', (s: string) => {
      this.buf += s;
      for (let nl = this.buf.indexOf('\n'); nl >= 0; nl = this.buf.indexOf('\n')) {
        const msg = JSON.parse(this.buf.slice(0, nl)) as Record<string, unknown>;
        this.buf = this.buf.slice(nl + 1);
        if ('event' in msg) this.events.push(msg as never);
        else this.waiting.shift()?.(msg);
      }
    });
  }

  static async connect(path: string): Promise<Qmp> {
    for (let tries = 0; ; tries++) {
      try {
        const sock = await new Promise<Socket>((resolve, reject) => {
          const s = createConnection(path, () => resolve(s));
          s.once('error', reject);
        });
        const q = new Qmp(sock);
        await new Promise((resolve) => q.waiting.push(resolve)); // greeting
        await q.execute('qmp_capabilities');
        return q;
      } catch (err) {
        if (tries > 100) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  async execute(cmd: string, args?: Record<string, unknown>): Promise<unknown> {
    const reply = new Promise<Record<string, unknown>>((resolve) => this.waiting.push(resolve));
    this.sock.write(JSON.stringify(args ? { execute: cmd, arguments: args } : { execute: cmd }) + '\n');
    const r = await reply;
    if ('error' in r) throw new Error(`${cmd}: ${JSON.stringify(r.error)}`);
    return r.return;
  }

  close(): void {
    this.sock.destroy();
  }
}

function kvmUsable(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** QEMU and our controller side by side; every step is recorded as `what = value`. */
class Pair {
  readonly transcript: { what: string; qemu: number; ours: number }[] = [];
  readonly oursOst: AcpiOstInfo[] = [];
  readonly oursTrace: string[] = [];
  readonly c: CpuHotplugController;
  private readonly cpus = new Map<string, { index: number; cpu: CpuRef }>();

  constructor(readonly qt: QTest, readonly qmp: Qmp) {
    this.c = new CpuHotplugController({
      slots: [0, 1, 2, 3].map((archId) => ({ archId })),
      presence: PRESENCE_TOGGLES,
      legacy: true, // pc-q35-7.2 starts in legacy mode
      sendEvent: () => {},
      eject: (i) => this.c.unplug(i),
      ost: (info) => this.oursOst.push(info),
      trace: (e) => this.oursTrace.push(formatTraceEvent(e)),
    });
    this.c.attach(0, {}, true);
  }

  async read(offset: number, size: 1 | 2 | 4): Promise<void> {
    const op = ({ 1: 'inb', 2: 'inw', 4: 'inl' } as const)[size];
    const qemu = await this.qt[op](BASE + offset);
    this.transcript.push({ what: `${op} +${offset}`, qemu, ours: this.c.read(offset, size) });
  }

  async write(offset: number, size: 1 | 2 | 4, value: number): Promise<void> {
    const op = ({ 1: 'outb', 2: 'outw', 4: 'outl' } as const)[size];
    await this.qt[op](BASE + offset, value);
    this.c.write(offset, size, value);
  }

  async deviceAdd(core: number, id: string): Promise<void> {
    await this.qmp.execute('device_add', { driver: 'qemu64-x86_64-cpu', id, 'socket-id': 0, 'core-id': core, 'thread-id': 0 });
    const cpu = { id };
    this.cpus.set(id, { index: core, cpu });
    this.c.plug(core, cpu, true);
  }

  async deviceDel(id: string): Promise<void> {
    await this.qmp.execute('device_del', { id });
    this.c.unplugRequest(this.cpus.get(id)!.index);
  }
}

test('the register block, traces and _OST events agree with QEMU 7.2', { timeout: 60_000 }, async (t) => {
  if (!requirePeer(t, QEMU_PEER)) return;
  const kvm = kvmUsable();
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-peer-'));
  const qmpPath = join(dir, 'qmp.sock');
  const qt = await QTest.start({
    args: ['-machine', 'q35', '-smp', '1,maxcpus=4', '-accel', kvm ? 'kvm' : 'tcg', '-trace', 'cpuhp_*'],
    qmpPath,
  });
  let qmp: Qmp | undefined;
  try {
    qmp = await Qmp.connect(qmpPath);
    const p = new Pair(qt, qmp);

    // Legacy block: a hot-plug, then every read, the writes that do not switch, the one that does.
    await p.deviceAdd(3, 'cpu3');
    for (const size of [1, 2, 4] as const) for (let o = 0; o + size <= 32; o++) await p.read(o, size);
    for (const [o, s, v] of [[0, 1, 1], [1, 2, 0], [4, 4, 0]] as const) {
      await p.write(o, s, v);
      await p.read(0, 4);
    }
    await p.write(0, 4, 0x100); // low byte 0: switches
    await p.read(0, 4);
    await p.read(4, 1);

    // Modern block.
    await p.deviceAdd(1, 'cpu1');
    await p.deviceDel('cpu3');
    for (const cmd of [0, 3, 1]) {
      await p.write(0, 4, 3);
      await p.write(5, 1, cmd);
      for (const size of [1, 2, 4] as const) for (let o = 0; o + size <= 12; o++) await p.read(o, size);
    }
    const writes: [number, 1 | 2 | 4, number][] = [
      [0, 4, 1], [4, 1, 0x00], [4, 1, 0x01], [4, 1, 0x20], [4, 1, 0x06], [1, 1, 0], [6, 1, 0], [11, 1, 0],
      [4, 4, 0x300], [5, 2, 0x0003], [5, 4, 0x11000001], [5, 1, 4], [5, 1, 0xff], [8, 4, 0x1234],
      [5, 1, 2], [8, 4, 0xabcdef01], [5, 1, 3], [8, 4, 5], [0, 4, 0], [5, 1, 0], [3, 2, 0x0200],
      [5, 1, 0], [8, 4, 7], [0, 4, 0], [4, 1, 0x08], [4, 1, 0x10], [0, 4, 2], [4, 1, 0x08], [4, 1, 0x10],
      [0, 4, 3], [4, 1, 0x04], [4, 1, 0x10], [5, 1, 0],
      ...(kvm ? ([[4, 1, 0x18], [5, 1, 2], [8, 4, 0]] as [number, 1 | 2 | 4, number][]) : []),
      [0, 4, 0x10], [4, 1, 0x02], [1, 1, 0], [5, 1, 0], [0, 2, 0x0102], [0, 1, 0x1], [1, 1, 0x1],
      [0, 4, 0xffffffff], [3, 4, 0x200], [0, 4, 1],
    ];
    for (const [o, s, v] of writes) {
      await p.write(o, s, v);
      await p.read(4, 1);
      await p.read(8, 4);
    }
    const qemuOspm = await qmp.execute('query-acpi-ospm-status');
    await new Promise((r) => setTimeout(r, 300)); // let the last events arrive

    assert.deepEqual(p.transcript.filter((s) => s.qemu !== s.ours), [], 'values read differ');
    assert.deepEqual(qemuOspm, p.c.ospmStatus());
    const qemuOst = qmp.events.filter((e) => e.event === 'ACPI_DEVICE_OST').map((e) => e.data?.info);
    assert.deepEqual(qemuOst, p.oursOst);
    qmp.close();
    qmp = undefined;
    await qt.close(); // all of stderr has been read once QEMU is gone
    const qemuTrace = qt.stderr.split('\n').filter((l) => l.startsWith('cpuhp_'));
    assert.deepEqual(p.oursTrace, qemuTrace);
    assert.ok(qemuTrace.length > 100, `only ${qemuTrace.length} trace lines: is -trace working?`);
  } finally {
    qmp?.close();
    await qt.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
