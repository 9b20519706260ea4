// A QMP client for the hot-plug differential (hotplug-differential.test.ts).
//
// Unlike the small client in test/hotplug/qemu-peer.test.ts it never throws on
// an error reply: the differential compares errors too, so execute() returns the
// whole reply ({return} or {error}). Events are kept in arrival order and handed
// out with takeEvents(), which returns those that arrived since the last call.
//
// Ordering: QEMU and cpuhp both write an event to the socket before the reply
// of any command that is processed after the event was raised, so a round trip
// (barrier()) is enough to collect everything a register write caused.

import { createConnection, type Socket } from 'node:net';

export type QmpMessage = Record<string, unknown>;

const CONNECT_TRIES = 100;
const CONNECT_PAUSE_MS = 20;
/** A reply must come within this time, or the side is considered hung. */
const REPLY_TIMEOUT_MS = 10_000;

export class QmpClient {
  /** The greeting ({"QMP": {...}}), as received. */
  greeting: QmpMessage = {};
  private readonly events: QmpMessage[] = [];
  private taken = 0;
  private buf = '';
  private readonly waiting: { resolve: (m: QmpMessage) => void; reject: (e: Error) => void; what: string }[] = [];
  private closedWith: Error | undefined;

  private constructor(private readonly sock: Socket, private readonly label: string) {
    sock.setEncoding('utf8');
    sock.on('data', (s: string) => this.onData(s));
    sock.on('error', (err) => this.fail(new Error(`${label} QMP: ${err.message}`)));
    sock.on('close', () => this.fail(new Error(`${label} QMP: connection closed`)));
  }

  /** Connects (retrying while the socket is not there yet) and reads the greeting. */
  static async connect(path: string, label: string): Promise<QmpClient> {
    for (let tries = 0; ; tries++) {
      let sock: Socket;
      try {
        sock = await new Promise<Socket>((resolve, reject) => {
          const s = createConnection(path, () => resolve(s));
          s.once('error', reject);
        });
      } catch (err) {
        if (tries >= CONNECT_TRIES) throw new Error(`${label} QMP: cannot connect to ${path}: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, CONNECT_PAUSE_MS));
        continue;
      }
      const q = new QmpClient(sock, label);
      q.greeting = await q.next('greeting');
      return q;
    }
  }

  private onData(s: string): void {
    this.buf += s;
    for (let nl = this.buf.indexOf('\n'); nl >= 0; nl = this.buf.indexOf('\n')) {
      const line = this.buf.slice(0, nl).trim();
      this.buf = this.buf.slice(nl + 1);
      if (line === '') continue;
      let msg: QmpMessage;
      try {
        msg = JSON.parse(line) as QmpMessage;
      } catch {
        this.fail(new Error(`${this.label} QMP: not JSON: ${line.slice(0, 200)}`));
        return;
      }
      if ('event' in msg) this.events.push(msg);
      else {
        const w = this.waiting.shift();
        if (w === undefined) this.fail(new Error(`${this.label} QMP: unsolicited ${line.slice(0, 200)}`));
        else w.resolve(msg);
      }
    }
  }

  private fail(err: Error): void {
    this.closedWith ??= err;
    for (const w of this.waiting.splice(0)) w.reject(err);
  }

  private next(what: string): Promise<QmpMessage> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    return new Promise<QmpMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.label} QMP: no reply to ${what} within ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
      this.waiting.push({
        what,
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  }

  /** Sends one command and returns its reply, {return: ...} or {error: ...}. */
  execute(command: string, args?: Record<string, unknown>): Promise<QmpMessage> {
    const reply = this.next(command);
    this.sock.write(JSON.stringify(args !== undefined ? { execute: command, arguments: args } : { execute: command }) + '\n');
    return reply;
  }

  /** A round trip: afterwards every event raised before it has been received. */
  async barrier(): Promise<void> {
    await this.execute('query-status');
  }

  /** Events received since the previous call, in arrival order. */
  takeEvents(): QmpMessage[] {
    const out = this.events.slice(this.taken);
    this.taken = this.events.length;
    return out;
  }

  close(): void {
    this.sock.destroy();
  }
}
