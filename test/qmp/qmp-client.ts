// A small QMP client for tests and benchmarks, for QEMU and cpuhp alike.
//
// Replies are matched to requests by order (QMP answers in order on one
// connection when nothing is out-of-band), so commands can be pipelined: a FIFO
// of waiters is all that is needed. It never throws on an {error} reply: the
// differential and the robustness tests compare errors too. Events are kept in
// arrival order. One watchdog bounds every wait: if waiters are pending and no
// message arrives for `timeoutMs`, they all fail, so no test can hang on it.

import { createConnection, type Socket } from 'node:net';
import { scaled } from '../support/load-scale.ts';

export type QmpMessage = Record<string, unknown>;

/** unix:PATH, or a TCP host and port. */
export type QmpTarget = string | { readonly host: string; readonly port: number };

export interface QmpClientOptions {
  /** Longest silence while waiting for a reply or event; default 10 s on an idle machine, scaled with its load. */
  readonly timeoutMs?: number;
  /** Names the connection in error messages. */
  readonly label?: string;
  /** How long connect() keeps retrying while the socket is not there yet; default 5 s, scaled with the load. */
  readonly connectMs?: number;
}

const CONNECT_PAUSE_MS = 20;

interface Waiter {
  readonly what: string;
  readonly resolve: (m: QmpMessage) => void;
  readonly reject: (e: Error) => void;
}

interface EventWaiter {
  readonly match: (e: QmpMessage) => boolean;
  readonly resolve: (m: QmpMessage) => void;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class QmpTestClient {
  /** The greeting ({"QMP": {...}}), as received. */
  greeting: QmpMessage = {};
  /** Every event received, in order. */
  readonly events: QmpMessage[] = [];
  /** Every message after the greeting, replies and events, in arrival order. */
  readonly log: QmpMessage[] = [];
  /** How far exchangeAll() has handed out the log. */
  private cursor = 0;
  /** Resolves when the connection has closed, for whatever reason. */
  readonly closed: Promise<void>;
  private taken = 0;
  private buf = '';
  private readonly waiting: Waiter[] = [];
  private readonly unclaimed: QmpMessage[] = [];
  private readonly eventWaiters = new Set<EventWaiter>();
  private readonly eventListeners = new Set<(e: QmpMessage) => void>();
  private watchdog: NodeJS.Timeout | undefined;
  private failure: Error | undefined;
  private barriers = 0;
  private readonly timeoutMs: number;

  private constructor(
    private readonly sock: Socket,
    private readonly label: string,
    timeoutMs: number,
  ) {
    this.timeoutMs = timeoutMs;
    sock.setEncoding('utf8');
    sock.on('data', (s: string) => this.onData(s));
    sock.on('error', (err) => this.fail(new Error(`${label}: ${err.message}`)));
    this.closed = new Promise((resolve) => {
      sock.once('close', () => {
        this.fail(new Error(`${label}: connection closed`));
        resolve();
      });
    });
  }

  /** Opens a connection without reading anything (for tests of refused connections). */
  static async open(target: QmpTarget, opts: QmpClientOptions = {}): Promise<QmpTestClient> {
    const label = opts.label ?? (typeof target === 'string' ? target : `${target.host}:${target.port}`);
    const deadline = Date.now() + (opts.connectMs ?? scaled(5_000));
    const timeoutMs = opts.timeoutMs ?? scaled(10_000);
    for (;;) {
      try {
        const sock = await new Promise<Socket>((resolve, reject) => {
          const s = typeof target === 'string' ? createConnection(target) : createConnection(target.port, target.host);
          const timer = setTimeout(() => (s.destroy(), reject(new Error('connect timed out'))), timeoutMs);
          s.once('connect', () => (clearTimeout(timer), s.removeAllListeners('error'), resolve(s)));
          s.once('error', (e) => (clearTimeout(timer), reject(e)));
        });
        return new QmpTestClient(sock, label, timeoutMs);
      } catch (err) {
        if (Date.now() >= deadline) throw new Error(`${label}: cannot connect: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, CONNECT_PAUSE_MS));
      }
    }
  }

  /** Connects and reads the greeting. */
  static async connect(target: QmpTarget, opts: QmpClientOptions = {}): Promise<QmpTestClient> {
    const c = await QmpTestClient.open(target, opts);
    try {
      c.greeting = await c.next('greeting');
    } catch (err) {
      c.close();
      throw err;
    }
    return c;
  }

  /** Connects, reads the greeting and negotiates capabilities. */
  static async negotiated(target: QmpTarget, opts: QmpClientOptions = {}): Promise<QmpTestClient> {
    const c = await QmpTestClient.connect(target, opts);
    const r = await c.execute('qmp_capabilities');
    if (!('return' in r)) throw new Error(`${c.label}: qmp_capabilities failed: ${JSON.stringify(r)}`);
    return c;
  }

  private onData(s: string): void {
    this.buf += s;
    let progress = false;
    for (let nl = this.buf.indexOf('\n'); nl >= 0; nl = this.buf.indexOf('\n')) {
      const line = this.buf.slice(0, nl).trim();
      this.buf = this.buf.slice(nl + 1);
      if (line === '') continue;
      let msg: QmpMessage;
      try {
        msg = JSON.parse(line) as QmpMessage;
      } catch {
        this.fail(new Error(`${this.label}: not JSON: ${line.slice(0, 200)}`));
        return;
      }
      this.handle(msg);
      progress = true;
    }
    this.armWatchdog(progress);
  }

  private handle(msg: QmpMessage): void {
    if (!('QMP' in msg)) this.log.push(msg);
    if ('event' in msg) {
      this.events.push(msg);
      for (const l of this.eventListeners) l(msg);
      for (const w of this.eventWaiters) {
        if (!w.match(msg)) continue;
        this.eventWaiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(msg);
      }
      return;
    }
    const w = this.waiting.shift();
    // A reply nobody waits for yet (exchange() reads several in a loop) is kept.
    if (w === undefined) this.unclaimed.push(msg);
    else w.resolve(msg);
  }

  /** Keeps the silence timer running exactly while replies are awaited; progress restarts it. */
  private armWatchdog(progress: boolean): void {
    if (this.watchdog !== undefined && (progress || this.waiting.length === 0)) {
      clearTimeout(this.watchdog);
      this.watchdog = undefined;
    }
    if (this.waiting.length === 0 || this.watchdog !== undefined) return;
    this.watchdog = setTimeout(() => {
      this.watchdog = undefined;
      if (this.waiting.length === 0) return;
      const head = this.waiting[0]?.what ?? '';
      this.fail(new Error(`${this.label}: no reply to ${head.slice(0, 200)} within ${this.timeoutMs} ms`));
      this.sock.destroy();
    }, this.timeoutMs);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    for (const w of this.waiting.splice(0)) w.reject(err);
    for (const w of this.eventWaiters) {
      clearTimeout(w.timer);
      w.reject(err);
    }
    this.eventWaiters.clear();
  }

  /** The next non-event message. */
  next(what: string): Promise<QmpMessage> {
    const ready = this.unclaimed.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    const p = new Promise<QmpMessage>((resolve, reject) => this.waiting.push({ what, resolve, reject }));
    this.armWatchdog(false);
    return p;
  }

  /** Stops reading from the socket (a client that never reads its replies). */
  pauseReading(): void {
    this.sock.pause();
  }

  /** Bytes written but not yet taken by the peer (the kernel's buffers were full). */
  get queuedToSend(): number {
    return this.sock.writableLength;
  }

  /** Writes raw text (or bytes) as is. */
  write(data: string | Uint8Array): void {
    this.sock.write(data);
  }

  /** Sends one request object and returns its reply, {return: ...} or {error: ...}. */
  request(req: QmpMessage): Promise<QmpMessage> {
    const text = JSON.stringify(req);
    const reply = this.next(text);
    this.sock.write(`${text}\n`);
    return reply;
  }

  execute(command: string, args?: QmpMessage, id?: unknown): Promise<QmpMessage> {
    return this.request({ execute: command, ...(args !== undefined ? { arguments: args } : {}), ...(id !== undefined ? { id } : {}) });
  }

  /**
   * Sends raw text, then a marker command with a unique id, and returns every
   * reply that came before the marker's: what the raw text caused, however many
   * replies that is (none for whitespace, several for "1 2 3").
   */
  async exchange(raw: string | Uint8Array): Promise<QmpMessage[]> {
    return (await this.roundTrip(raw)).replies;
  }

  private async roundTrip(raw: string | Uint8Array): Promise<{ replies: QmpMessage[]; marker: QmpMessage }> {
    const id = `__qmp-test-marker-${this.barriers++}`;
    const replies: QmpMessage[] = [];
    this.sock.write(raw);
    const text = JSON.stringify({ execute: 'query-status', id });
    // The newline first: QEMU's lexer leaves error recovery on a control character.
    this.sock.write(`\n${text}\n`);
    for (;;) {
      const m = await this.next(`${typeof raw === 'string' ? JSON.stringify(raw.slice(0, 80)) : `${raw.length} bytes`} then ${text}`);
      if (m['id'] === id) return { replies, marker: m };
      replies.push(m);
    }
  }

  /**
   * Like exchange(), but returns every message in arrival order, events among
   * the replies, from where the previous exchangeAll() stopped (so events that
   * arrived just after its marker are not lost) up to this marker. Replies to
   * execute() calls in between would be included too: use one or the other.
   */
  async exchangeAll(raw: string | Uint8Array): Promise<QmpMessage[]> {
    const { marker } = await this.roundTrip(raw);
    const end = this.log.indexOf(marker, this.cursor);
    const out = this.log.slice(this.cursor, end);
    this.cursor = end + 1;
    return out;
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

  /** The first event (already received or still to come) that `match` accepts. */
  waitForEvent(match: (e: QmpMessage) => boolean, timeoutMs = this.timeoutMs, from = 0): Promise<QmpMessage> {
    const seen = this.events.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const w: EventWaiter = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.eventWaiters.delete(w);
          reject(new Error(`${this.label}: no matching event within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.eventWaiters.add(w);
    });
  }

  /** Calls `fn` with every event as it arrives, until the returned function is called. */
  onEvent(fn: (e: QmpMessage) => void): () => void {
    this.eventListeners.add(fn);
    return () => this.eventListeners.delete(fn);
  }

  /** True once the connection has failed or closed. */
  get isClosed(): boolean {
    return this.failure !== undefined;
  }

  close(): void {
    this.sock.destroy();
  }
}
