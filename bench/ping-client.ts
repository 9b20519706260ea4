// The leanest QMP client for round trips: one command outstanding, replies split
// on newlines and checked, nothing else. The ping-pong benchmark uses it for both
// cpuhp and QEMU, so the figure is the server's, not the test client's (the full
// test client, test/qmp/qmp-client.ts, cost more per message than the servers did).
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const CONNECT_TRIES = 100;
const REPLY_TIMEOUT_MS = 30_000;

export class PingClient {
  private buf = '';
  private waiting: ((line: string) => void) | undefined;
  private readonly lines: string[] = [];

  private constructor(private readonly sock: Socket) {
    sock.setEncoding('utf8');
    sock.on('data', (d: string) => {
      this.buf += d;
      for (let i = this.buf.indexOf('\n'); i >= 0; i = this.buf.indexOf('\n')) {
        const line = this.buf.slice(0, i);
        this.buf = this.buf.slice(i + 1);
        if (line.includes('"event"')) continue;
        const w = this.waiting;
        this.waiting = undefined;
        if (w) w(line);
        else this.lines.push(line);
      }
    });
  }

  /** Connects (retrying while the server starts), takes the greeting and negotiates. */
  static async negotiated(path: string): Promise<PingClient> {
    for (let i = 0; ; i++) {
      try {
        const sock = await new Promise<Socket>((resolve, reject) => {
          const s = connect(path);
          s.once('connect', () => resolve(s));
          s.once('error', reject);
        });
        const c = new PingClient(sock);
        await c.next();
        await c.send('{"execute":"qmp_capabilities"}');
        return c;
      } catch (e) {
        if (i >= CONNECT_TRIES) throw e;
        await sleep(100);
      }
    }
  }

  private next(): Promise<string> {
    const ready = this.lines.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no QMP reply within ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
      this.waiting = (line) => (clearTimeout(timer), resolve(line));
    });
  }

  private send(text: string): Promise<string> {
    const reply = this.next();
    this.sock.write(`${text}\n`);
    return reply;
  }

  /** `n` query-status round trips, each reply checked; their times in ms. */
  async roundTrips(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const line = await this.send('{"execute":"query-status"}');
      out.push(performance.now() - t0);
      const r = JSON.parse(line) as { return?: { status?: unknown } };
      if (typeof r.return?.status !== 'string') throw new Error(`query-status: ${line}`);
    }
    return out;
  }

  close(): void {
    this.sock.destroy();
  }
}
