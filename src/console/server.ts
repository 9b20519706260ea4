// `cpuhp run --console`: serves the page and streams the VM's steps to it over a
// WebSocket. Steps are sequenced; a page that reconnects says the last one it has
// and gets the rest from the catch-up log (step-log.ts). Each page has its own QMP
// session (src/qmp/session.ts, the code QMP's socket clients go through), whose
// commands and replies become steps like any client's.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MESSAGES_PER_TURN, qmpEventMessage, MAX_MESSAGE, QmpSession, type QmpObserver, type QmpReply } from '../qmp/index.ts';
import { formatQmpEvent } from '../vm/index.ts';
import type { Vm } from '../vm/index.ts';
import { ConsoleAccess, LOOPBACK_HOSTS, newToken } from './access.ts';
import { PAGE_CSP, pageHtml } from './page-html.ts';
import type { ClientMessage, Group, ServerMessage, SlotView, Step } from './protocol.ts';
import { StepRecorder } from './recorder.ts';
import { machineView, SlotReader } from './slots.ts';
import { StepLog } from './step-log.ts';

export interface ConsoleEndpoint {
  readonly host: string;
  readonly port: number;
}

/** Steps per WebSocket message. */
export const STEPS_PER_MESSAGE = 2000;
/** Hot-plugs remembered for pages that connect later (the oldest are dropped). */
export const MAX_GROUPS = 10_000;
/** Most pages served at once. */
export const MAX_PAGES = 16;
/**
 * A page with this much output unread is disconnected: it reconnects and catches
 * up from the log, so a stalled tab cannot make the VM hold unbounded memory.
 */
export const PAGE_OUTPUT_MAX_BYTES = 64 << 20;

/** Parses --console's ADDR: PORT, HOST, HOST:PORT or [IPv6]:PORT; loopback and a free port by default. */
export function parseConsoleAddress(spec: string | true | undefined): ConsoleEndpoint {
  if (spec === undefined || spec === true || spec === '') return { host: '127.0.0.1', port: 0 };
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*))(?::(\d{1,5}))?$/.exec(spec) ?? /^()()(\d{1,5})$/.exec(spec);
  if (!m) throw new Error(`--console: expected [HOST][:PORT], got '${spec}'`);
  const onlyPort = /^\d{1,5}$/.test(spec);
  const host = onlyPort ? '127.0.0.1' : (m[1] ?? m[2]) || '127.0.0.1';
  const port = Number(onlyPort ? spec : (m[3] ?? 0));
  if (port > 65535) throw new Error(`--console: port ${port} is out of range`);
  return { host, port };
}

interface Page {
  readonly ws: WebSocket;
  readonly session: QmpSession;
  /** The last step sent to it; undefined until it has said where it resumes. */
  sent: number | undefined;
  working: boolean;
}

export class ConsoleServer {
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly access: ConsoleAccess;
  private readonly recorder: StepRecorder;
  private readonly slots: SlotReader;
  private readonly log: StepLog;
  private readonly groups: Group[] = [];
  private readonly dirty = new Set<number>();
  private newGroups: Group[] = [];
  private readonly pages = new Set<Page>();
  private flushScheduled = false;
  private lastStatus = '';
  private unsubscribe: () => void = () => {};

  constructor(
    private readonly vm: Vm,
    private readonly endpoint: ConsoleEndpoint,
    private readonly bundle: string,
    options: { readonly catchUpSteps?: number } = {},
  ) {
    this.log = new StepLog(options.catchUpSteps);
    this.access = new ConsoleAccess(newToken(), endpoint.host);
    this.recorder = new StepRecorder(() => vm.machine, {
      step: (s) => this.log.add(s),
      group: (g) => {
        this.groups.push(g);
        if (this.groups.length > MAX_GROUPS) this.groups.shift();
        this.newGroups.push(g);
      },
      touch: (slot) => this.dirty.add(slot),
    });
    this.slots = new SlotReader(() => vm.machine, () => vm.guest, this.recorder.sta);
    this.http = createServer((req, res) => this.serve(req, res));
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE });
    this.http.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
  }

  /** Watches every QMP client's commands (pass it to the QmpServer). */
  readonly observer: QmpObserver = (command, args) => this.observe(command, args, 'client');

  /** Subscribes to the VM (before it starts, so nothing is missed) and listens; returns the page's URL. */
  async listen(): Promise<string> {
    const now = () => this.vm.guest?.events.time ?? 0;
    this.unsubscribe = this.vm.on((e) => {
      if (e.type === 'guest') this.recorder.guest(e.event, e.time);
      else if (e.type === 'machine') this.recorder.machine(e.event, now());
      else {
        this.recorder.qmpEvent(e.event, e.data, now(), formatQmpEvent(e.event, e.data));
        const msg = qmpEventMessage(e.event, e.data);
        for (const p of this.pages) p.session.event(msg);
      }
      this.schedule();
    });
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.endpoint.port, this.endpoint.host, () => resolve());
    });
    const addr = this.http.address();
    const port = typeof addr === 'object' && addr ? addr.port : this.endpoint.port;
    this.access.listening(port);
    const host = this.endpoint.host.includes(':') ? `[${this.endpoint.host}]` : this.endpoint.host;
    return `http://${host}:${port}/?token=${this.access.token}`;
  }

  /** True when the address is reachable from other hosts (run warns, as for QMP). */
  get exposed(): boolean {
    return !LOOPBACK_HOSTS.includes(this.endpoint.host);
  }

  async close(): Promise<void> {
    this.unsubscribe();
    for (const p of this.pages) p.ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // -- HTTP -------------------------------------------------------------------------

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://console');
    const refusal = this.access.refusal(req, url);
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
      res.end(body);
    };
    if (refusal !== undefined) return send(403, 'text/plain; charset=utf-8', `cpuhp console: ${refusal}\n`);
    if (req.method === 'GET' && url.pathname === '/') {
      return send(200, 'text/html; charset=utf-8', pageHtml(this.bundle, `cpuhp console: ${this.vm.machine.config.type.name}`), { 'content-security-policy': PAGE_CSP });
    }
    if (req.method === 'POST' && url.pathname === '/qmp') return this.postQmp(req, send);
    send(404, 'text/plain; charset=utf-8', 'not found\n');
  }

  /**
   * POST /qmp with one QMP command as JSON (content-type application/json, which
   * a cross-site form cannot send without a CORS preflight the console never
   * answers): a negotiated session of its own answers it.
   */
  private postQmp(req: IncomingMessage, send: (status: number, type: string, body: string) => void): void {
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      send(415, 'text/plain; charset=utf-8', 'POST /qmp takes application/json\n');
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_MESSAGE) {
        send(413, 'text/plain; charset=utf-8', `a QMP message is at most ${MAX_MESSAGE} bytes\n`);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_MESSAGE) return;
      const replies: object[] = [];
      const session = new QmpSession(this.vm, (m) => replies.push(m), () => answer(), (c, a) => this.observe(c, a, 'POST'));
      const answer = () => {
        // The greeting, qmp_capabilities' reply, then the command's.
        if (session.waiting || replies.length < 3) return;
        send(200, 'application/json', `${JSON.stringify(replies[2])}\n`);
      };
      session.greet();
      session.push('{"execute":"qmp_capabilities"}');
      session.push(Buffer.concat(chunks));
      session.work(2);
      answer();
      if (!session.waiting && replies.length < 3) send(400, 'text/plain; charset=utf-8', 'no QMP command in the body\n');
    });
  }

  // -- WebSocket --------------------------------------------------------------------

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://console');
    const refusal = url.pathname === '/ws' ? this.access.refusal(req, url) : 'not found';
    if (refusal !== undefined || this.pages.size >= MAX_PAGES) {
      const why = refusal ?? `at most ${MAX_PAGES} pages at once`;
      socket.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\ncpuhp console: ${why}\n`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connect(ws));
  }

  private connect(ws: WebSocket): void {
    const page: Page = {
      ws,
      sent: undefined,
      working: false,
      session: new QmpSession(this.vm, (message) => this.send(page, { type: 'qmp', message }), () => this.work(page), (c, a) => this.observe(c, a, 'console')),
    };
    this.pages.add(page);
    ws.on('close', () => this.pages.delete(page));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      let msg: ClientMessage;
      try {
        msg = JSON.parse(isBinary ? '' : String(data)) as ClientMessage;
      } catch {
        return ws.close(1003, 'expected JSON');
      }
      if (msg?.type === 'resume' && page.sent === undefined && Number.isSafeInteger(msg.after) && msg.after >= 0) this.resume(page, msg.after);
      else if (msg?.type === 'qmp' && typeof msg.text === 'string') {
        page.session.push(msg.text);
        this.work(page);
      } else ws.close(1003, 'unexpected message');
    });
    page.session.greet();
  }

  /** Answers a page's QMP input a few messages per event-loop turn, as the socket server does. */
  private work(page: Page): void {
    if (page.working || page.session.waiting) return;
    page.working = true;
    setImmediate(() => {
      page.working = false;
      if (page.ws.readyState !== page.ws.OPEN) return;
      if (page.session.work(MESSAGES_PER_TURN)) this.work(page);
    });
  }

  private resume(page: Page, after: number): void {
    const status = this.vm.status();
    this.recorder.flush();
    this.send(page, { type: 'welcome', machine: machineView(this.vm.machine), slots: this.slots.all(), groups: this.groups, lastSeq: this.log.lastSeq, status });
    page.sent = Math.min(after, this.log.lastSeq);
    this.sendSteps(page, []);
  }

  /** Sends the page every step it lacks, then `groups` and `slots` with the last message. */
  private sendSteps(page: Page, groups: readonly Group[], slots: readonly SlotView[] = [], status?: string): void {
    if (page.sent === undefined) return;
    // Steps the log no longer holds (the page was away, or more came at once than it keeps).
    const first = this.log.firstSeq;
    if (page.sent + 1 < first) {
      this.send(page, { type: 'gap', first: page.sent + 1, last: first - 1 });
      page.sent = first - 1;
    }
    let steps: Step[];
    do {
      steps = this.log.after(page.sent, STEPS_PER_MESSAGE);
      if (steps.length > 0) page.sent = steps[steps.length - 1]!.seq;
      const last = steps.length < STEPS_PER_MESSAGE;
      if (steps.length > 0 || (last && (groups.length > 0 || slots.length > 0 || status !== undefined))) {
        this.send(page, { type: 'batch', steps, groups: last ? groups : [], slots: last ? slots : [], ...(last && status !== undefined ? { status } : {}) });
      }
    } while (steps.length === STEPS_PER_MESSAGE);
  }

  private send(page: Page, msg: ServerMessage): void {
    if (page.ws.readyState !== page.ws.OPEN) return;
    page.ws.send(JSON.stringify(msg));
    if (page.ws.bufferedAmount > PAGE_OUTPUT_MAX_BYTES) page.ws.terminate();
  }

  // -- steps ------------------------------------------------------------------------

  private observe(command: string, args: Readonly<Record<string, unknown>>, who: string): ((reply: QmpReply) => void) | undefined {
    // The console's own sessions negotiate by themselves: that is no step of anyone's.
    if (command === 'qmp_capabilities' && who !== 'client') return undefined;
    const now = () => this.vm.guest?.events.time ?? 0;
    this.recorder.qmpRequest(command, { ...args }, now(), who);
    this.schedule();
    return (reply) => {
      this.recorder.qmpReply(command, reply, now(), who);
      this.schedule();
    };
  }

  private schedule(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Sends what happened since the last flush to every page. */
  private flush(): void {
    this.flushScheduled = false;
    this.recorder.flush();
    const slots = this.slots.changed(this.dirty);
    this.dirty.clear();
    const groups = this.newGroups;
    this.newGroups = [];
    const status = this.vm.status();
    const changed = status !== this.lastStatus ? status : undefined;
    this.lastStatus = status;
    for (const p of this.pages) this.sendSteps(p, groups, slots, changed);
  }
}
