// A driver for QEMU's qtest line protocol (`-qtest stdio`).
//
// QEMU reads one command per line on stdin and answers each one with exactly
// one line on stdout ("OK", "OK 0x..", "FAIL ..", "ERR .."), in order. The only
// other lines are asynchronous "IRQ raise N" / "IRQ lower N" notices, which we
// collect instead of taking them for replies. Because the replies are in order,
// commands can be pipelined: a FIFO of pending replies is all we need.
//
// Debian's QEMU 7.2 has no qtest *accelerator*: `-qtest` only adds the protocol
// on top of TCG, so the guest (SeaBIOS) would run concurrently and race our
// fw_cfg accesses. Hence `-S` is always passed: no guest code ever runs.

import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { accessSync, constants, lstatSync, statSync, unlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawnTracked } from '../support/children.ts';
import { scaled } from '../support/load-scale.ts';

/**
 * Time to wait for any one reply (and for start-up) on an idle machine; the wait
 * used is scaled by the machine's load when the session starts (load-scale.ts).
 */
export const DEFAULT_REPLY_TIMEOUT_MS = 10_000;
/** Time QEMU gets to exit after SIGTERM before it is SIGKILLed (idle machine; scaled). */
const EXIT_GRACE_MS = 5_000;
/** Commands sent in one pipelined write; keeps our buffers bounded. */
const BATCH_CHUNK = 2048;
/** Keep at most this much of QEMU's stderr (the tail is what explains a failure). */
const STDERR_KEEP = 64 * 1024;
/** A stdout line longer than this is a protocol error ("read" of 64 KiB is ~128 KiB of hex). */
const MAX_LINE = 4 * 1024 * 1024;
/** Largest block for one `read`/`write` command. */
const MEM_CHUNK = 0x10000;
/** Bound on PATH entries looked at by which(). */
const MAX_PATH_ENTRIES = 256;

/** Find an executable like `which(1)`; returns its path or undefined. */
export function which(command: string, path: string = process.env.PATH ?? ''): string | undefined {
  const isExe = (p: string): boolean => {
    try {
      accessSync(p, constants.X_OK);
      return statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (command.includes('/')) return isExe(command) ? command : undefined;
  for (const dir of path.split(delimiter).slice(0, MAX_PATH_ENTRIES)) {
    if (dir === '') continue;
    const p = join(dir, command);
    if (isExe(p)) return p;
  }
  return undefined;
}

export interface QTestOptions {
  /** Binary; default qemu-system-x86_64. */
  qemu?: string;
  /** Machine arguments (-machine, -smp, ...); the qtest ones are appended. */
  args: readonly string[];
  /** If set, also `-qmp unix:PATH,server=on,wait=off`. */
  qmpPath?: string;
  /** Timeout per reply, ms. */
  timeoutMs?: number;
}

interface Pending {
  command: string;
  resolve: (line: string) => void;
  reject: (err: Error) => void;
}

export class QTest {
  /** The full command line QEMU was started with. */
  readonly argv: readonly string[];
  /** Asynchronous "IRQ raise N" / "IRQ lower N" lines, in arrival order. */
  readonly irqs: string[] = [];

  private readonly child: ChildProcessWithoutNullStreams;
  private readonly timeoutMs: number;
  private readonly pending: Pending[] = [];
  private stdoutBuf = '';
  private stderrBuf = '';
  private watchdog: NodeJS.Timeout | undefined;
  /** Set once the protocol can no longer be trusted (exit, timeout, garbage). */
  private dead: Error | undefined;
  private readonly exited: Promise<void>;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  private constructor(opts: QTestOptions) {
    const qemu = opts.qemu ?? 'qemu-system-x86_64';
    const argv = [
      ...opts.args,
      '-S',
      '-qtest', 'stdio',
      '-qtest-log', '/dev/null',
      '-display', 'none',
      '-nodefaults',
    ];
    if (opts.qmpPath !== undefined) {
      // A stale socket from an earlier run makes the listen fail.
      try {
        if (lstatSync(opts.qmpPath).isSocket()) unlinkSync(opts.qmpPath);
      } catch {
        /* absent: fine */
      }
      argv.push('-qmp', `unix:${opts.qmpPath},server=on,wait=off`);
    }
    this.argv = [qemu, ...argv];
    this.timeoutMs = scaled(opts.timeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS);
    // QEMU does not exit when its stdin closes: a QEMU left behind by a crashed or
    // killed test would live on. spawnTracked ends it with this process.
    this.child = spawnTracked(qemu, argv, { stdio: ['pipe', 'pipe', 'pipe'] }) as ChildProcessWithoutNullStreams;

    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (s: string) => this.onStdout(s));
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (s: string) => {
      this.stderrBuf = (this.stderrBuf + s).slice(-STDERR_KEEP);
    });
    // EPIPE when QEMU is gone; the 'close' handler reports the real reason.
    this.child.stdin.on('error', () => {});
    this.child.on('error', (err) => this.fail(new Error(`cannot run ${qemu}: ${err.message}`)));
    // 'close' (not 'exit') so that all of stderr has been read by then.
    this.exited = new Promise((resolve) => {
      this.child.once('close', (code, signal) => {
        this.exitInfo = { code, signal };
        this.fail(new Error(`QEMU exited (code ${code}, signal ${signal}): ${this.stderr.trim()}`));
        resolve();
      });
    });
  }

  /**
   * Start QEMU and wait until it answers (the "endianness" query), so that a
   * bad command line is reported here, with QEMU's stderr, not on first use.
   */
  static async start(opts: QTestOptions): Promise<QTest> {
    const qt = new QTest(opts);
    try {
      const r = await qt.command('endianness');
      if (r !== 'OK little' && r !== 'OK big') throw new Error(`unexpected reply ${JSON.stringify(r)}`);
      return qt;
    } catch (err) {
      await qt.close();
      const msg = err instanceof Error ? err.message : String(err);
      const stderr = qt.stderr.trim();
      throw new Error(
        `QEMU failed to start: ${msg}` +
          (stderr !== '' && !msg.includes(stderr) ? `\nstderr: ${stderr}` : '') +
          `\ncommand: ${qt.argv.join(' ')}`,
      );
    }
  }

  /** What QEMU has written to stderr so far (the last 64 KiB). */
  get stderr(): string {
    return this.stderrBuf;
  }

  // -- protocol --------------------------------------------------------------

  private onStdout(s: string): void {
    this.stdoutBuf += s;
    let nl: number;
    while ((nl = this.stdoutBuf.indexOf('\n')) >= 0) {
      const line = this.stdoutBuf.slice(0, nl);
      this.stdoutBuf = this.stdoutBuf.slice(nl + 1);
      this.onLine(line);
    }
    if (this.stdoutBuf.length > MAX_LINE) this.fail(new Error('qtest: reply line too long'));
  }

  private onLine(line: string): void {
    if (line.startsWith('IRQ ')) {
      this.irqs.push(line);
      return;
    }
    const p = this.pending.shift();
    if (p === undefined) {
      this.fail(new Error(`qtest: unsolicited line ${JSON.stringify(line.slice(0, 200))}`));
      return;
    }
    this.armWatchdog();
    if (line === 'OK' || line.startsWith('OK ')) p.resolve(line);
    else p.reject(new Error(`qtest: ${p.command.slice(0, 200)} -> ${line.slice(0, 500)}`));
  }

  /**
   * One timer guards the head of the queue: every reply must arrive within
   * timeoutMs of the previous reply (or of sending, if none was pending).
   * A timeout kills the session, since replies could no longer be matched.
   */
  private armWatchdog(): void {
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    if (this.pending.length === 0) return;
    const head = this.pending[0]?.command ?? '';
    this.watchdog = setTimeout(() => {
      this.fail(new Error(`qtest: no reply to ${JSON.stringify(head.slice(0, 200))} within ${this.timeoutMs} ms`));
    }, this.timeoutMs);
  }

  private fail(err: Error): void {
    this.dead ??= err;
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    for (const p of this.pending.splice(0)) p.reject(err);
  }

  /** Send commands pipelined and return their replies, in order. */
  async batch(commands: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < commands.length; i += BATCH_CHUNK) {
      const part = commands.slice(i, i + BATCH_CHUNK);
      out.push(...(await this.sendChunk(part)));
    }
    return out;
  }

  private sendChunk(part: readonly string[]): Promise<string[]> {
    if (this.dead !== undefined) return Promise.reject(this.dead);
    for (const c of part) {
      if (c.includes('\n')) return Promise.reject(new Error('qtest: newline in command'));
    }
    const replies = part.map(
      (command) =>
        new Promise<string>((resolve, reject) => {
          this.pending.push({ command, resolve, reject });
        }),
    );
    if (this.watchdog === undefined) this.armWatchdog();
    // Node buffers the write; stdout is read concurrently, so no pipe deadlock.
    this.child.stdin.write(part.join('\n') + '\n');
    return Promise.all(replies);
  }

  async command(c: string): Promise<string> {
    const [r] = await this.batch([c]);
    if (r === undefined) throw new Error('qtest: missing reply');
    return r;
  }

  /** The value of an "OK 0x.." reply. */
  static value(reply: string): bigint {
    const m = /^OK (0x[0-9a-fA-F]+)$/.exec(reply);
    if (m === null || m[1] === undefined) throw new Error(`qtest: expected a value, got ${JSON.stringify(reply)}`);
    return BigInt(m[1]);
  }

  private async num(c: string): Promise<number> {
    return Number(QTest.value(await this.command(c)));
  }

  // -- x86 IO ports ----------------------------------------------------------

  async outb(port: number, v: number): Promise<void> { await this.command(`outb ${hex(port)} ${hex(v)}`); }
  async outw(port: number, v: number): Promise<void> { await this.command(`outw ${hex(port)} ${hex(v)}`); }
  async outl(port: number, v: number): Promise<void> { await this.command(`outl ${hex(port)} ${hex(v)}`); }
  inb(port: number): Promise<number> { return this.num(`inb ${hex(port)}`); }
  inw(port: number): Promise<number> { return this.num(`inw ${hex(port)}`); }
  inl(port: number): Promise<number> { return this.num(`inl ${hex(port)}`); }

  /** `count` pipelined `inb port`: byte-wise fw_cfg reads without a round trip each. */
  async inbMany(port: number, count: number): Promise<Uint8Array> {
    const replies = await this.batch(new Array<string>(count).fill(`inb ${hex(port)}`));
    return Uint8Array.from(replies, (r) => Number(QTest.value(r)) & 0xff);
  }

  // -- guest memory / MMIO (values in guest byte order, like a guest load/store) --

  async writeb(a: number, v: number): Promise<void> { await this.command(`writeb ${hex(a)} ${hex(v)}`); }
  async writew(a: number, v: number): Promise<void> { await this.command(`writew ${hex(a)} ${hex(v)}`); }
  async writel(a: number, v: number): Promise<void> { await this.command(`writel ${hex(a)} ${hex(v)}`); }
  async writeq(a: number, v: bigint | number): Promise<void> { await this.command(`writeq ${hex(a)} ${hex(v)}`); }
  readb(a: number): Promise<number> { return this.num(`readb ${hex(a)}`); }
  readw(a: number): Promise<number> { return this.num(`readw ${hex(a)}`); }
  readl(a: number): Promise<number> { return this.num(`readl ${hex(a)}`); }
  async readq(a: number): Promise<bigint> { return QTest.value(await this.command(`readq ${hex(a)}`)); }

  /** Read `n` bytes of guest memory (`read ADDR SIZE`, in 64 KiB pieces). */
  async read(addr: number, n: number): Promise<Uint8Array> {
    const out = new Uint8Array(n);
    for (let off = 0; off < n; off += MEM_CHUNK) {
      const len = Math.min(MEM_CHUNK, n - off);
      const r = await this.command(`read ${hex(addr + off)} ${hex(len)}`);
      const m = /^OK 0x([0-9a-fA-F]*)$/.exec(r);
      if (m === null || m[1] === undefined || m[1].length !== 2 * len) {
        throw new Error(`qtest: bad read reply (${r.length} chars) for ${len} bytes`);
      }
      out.set(Buffer.from(m[1], 'hex'), off);
    }
    return out;
  }

  /** Write bytes to guest memory (`write ADDR SIZE 0xHEX`, in 64 KiB pieces). */
  async write(addr: number, data: Uint8Array): Promise<void> {
    for (let off = 0; off < data.length; off += MEM_CHUNK) {
      const part = data.subarray(off, off + MEM_CHUNK);
      await this.command(`write ${hex(addr + off)} ${hex(part.length)} 0x${Buffer.from(part).toString('hex')}`);
    }
  }

  // -- shutdown ---------------------------------------------------------------

  /**
   * Stop QEMU and wait for it. It does not exit on qtest EOF, so send SIGTERM
   * (it then prints a harmless "GLib: g_timer_elapsed: assertion" to stderr),
   * and SIGKILL if it is still there after a grace period. Safe to call twice.
   */
  async close(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.fail(new Error('qtest: closed'));
    this.child.stdin.end();
    if (this.exitInfo === undefined && this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
    }
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), scaled(EXIT_GRACE_MS));
    });
    if ((await Promise.race([this.exited.then(() => 'exited' as const), grace])) === 'timeout') {
      this.child.kill('SIGKILL');
      await this.exited;
    }
    clearTimeout(timer);
    return this.exitInfo ?? { code: this.child.exitCode, signal: this.child.signalCode };
  }
}

function hex(v: number | bigint): string {
  if (typeof v === 'number' && (!Number.isSafeInteger(v) || v < 0)) throw new RangeError(`qtest: bad value ${v}`);
  if (typeof v === 'bigint' && v < 0n) throw new RangeError(`qtest: bad value ${v}`);
  return `0x${v.toString(16)}`;
}
