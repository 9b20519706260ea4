// The host side of init.sh's command loop on a guest's serial console (a QEMU
// chardev socket): send "<tag> <command>", collect the lines between "=<tag> begin"
// and "=<tag> end <status>". Every wait is bounded; a closed console fails every
// waiter at once, so a guest that dies never hangs a test.
import { createConnection, type Socket } from 'node:net';
import { scaled } from '../../support/load-scale.ts';

export interface ShellResult {
  readonly status: number;
  readonly lines: readonly string[];
}

/** The longest line kept (a runaway guest cannot grow the buffer without bound). */
const MAX_LINE = 1 << 20;
/** Lines kept for waiters; older ones are dropped from the front. */
const MAX_LINES = 100_000;
/** A command not answered within this time gets an empty line, which wakes a console whose receive interrupt was missed. */
const NUDGE_MS = 2_000;

export class SerialShell {
  /** Every complete line received, in order (bounded by MAX_LINES). */
  readonly lines: string[] = [];
  private dropped = 0;
  private partial = '';
  private closed: Error | undefined;
  private readonly wakers = new Set<() => void>();
  private seq = 0;

  private constructor(private readonly sock: Socket) {
    sock.setEncoding('utf8');
    sock.on('data', (s: string) => this.onData(s));
    sock.on('error', (e) => this.close(e));
    sock.on('close', () => this.close(new Error('serial console closed')));
  }

  /** Connects to a chardev socket, retrying while QEMU has not created it yet. */
  static async connect(path: string, alive: () => boolean, timeoutMs = scaled(30_000)): Promise<SerialShell> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const sock = await new Promise<Socket>((resolve, reject) => {
          const s = createConnection(path);
          s.once('connect', () => (s.removeAllListeners('error'), resolve(s)));
          s.once('error', reject);
        });
        return new SerialShell(sock);
      } catch (e) {
        if (!alive()) throw new Error(`QEMU exited before its serial socket ${path} was up`);
        if (Date.now() > deadline) throw new Error(`no serial socket at ${path}: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }

  private onData(s: string): void {
    this.partial += s;
    const parts = this.partial.split('\n');
    this.partial = parts.pop() ?? '';
    if (this.partial.length > MAX_LINE) this.partial = this.partial.slice(-MAX_LINE);
    for (const p of parts) this.lines.push(p.replace(/\r$/, ''));
    if (this.lines.length > MAX_LINES) {
      const n = this.lines.length - MAX_LINES;
      this.lines.splice(0, n);
      this.dropped += n;
    }
    for (const w of this.wakers) w();
  }

  private close(e: Error): void {
    this.closed ??= e;
    for (const w of this.wakers) w();
  }

  /** Absolute index of the next line to arrive (stable even when old lines are dropped). */
  get mark(): number {
    return this.dropped + this.lines.length;
  }

  /** The first line at or after absolute index `from` that matches, within the time. */
  async waitLine(match: (line: string) => boolean, from: number, timeoutMs: number, onIdle?: () => void): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let idleAt = Date.now() + NUDGE_MS;
    for (let i = from; ; ) {
      for (; i < this.mark; i++) {
        const line = this.lines[i - this.dropped];
        if (line !== undefined && match(line)) return i;
      }
      if (this.closed) throw this.closed;
      const now = Date.now();
      if (now >= deadline) throw new Error(`serial: timed out after ${timeoutMs} ms`);
      if (onIdle && now >= idleAt) {
        onIdle();
        idleAt = now + NUDGE_MS;
      }
      await new Promise<void>((resolve) => {
        const done = () => (clearTimeout(t), this.wakers.delete(done), resolve());
        const t = setTimeout(done, Math.min(deadline, idleAt) - now);
        this.wakers.add(done);
      });
    }
  }

  line(index: number): string {
    return this.lines[index - this.dropped] ?? '';
  }

  /** Runs a shell command in the guest; rejects when it does not finish in time. */
  async run(command: string, timeoutMs = scaled(60_000)): Promise<ShellResult> {
    if (command.includes('\n')) throw new Error('serial: one line per command');
    const tag = `c${++this.seq}`;
    const from = this.mark;
    this.sock.write(`${tag} ${command}\n`);
    let end: number;
    try {
      end = await this.waitLine((l) => l.startsWith(`=${tag} end `), from, timeoutMs, () => this.sock.write('\n'));
    } catch (e) {
      throw new Error(`guest command '${command}': ${(e as Error).message}`);
    }
    const begin = await this.waitLine((l) => l === `=${tag} begin`, from, 0).catch(() => from - 1);
    const lines: string[] = [];
    for (let i = begin + 1; i < end; i++) lines.push(this.line(i));
    return { status: Number(this.line(end).split(' ')[2]), lines };
  }

  destroy(): void {
    this.sock.destroy();
  }
}
