import { chmodSync, existsSync, lstatSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { QmpVm } from './commands.ts';
import { QmpSession, type QmpObserver } from './session.ts';

/** Where a QMP server listens, parsed from QEMU's -qmp syntax. */
export type QmpEndpoint = { readonly kind: 'unix'; readonly path: string } | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

/** Most clients served at once; more are refused so no client can exhaust the VM. */
export const MAX_CLIENTS = 256;

// What one client may cost (issue 10: 10 MB of random bytes on one connection
// delayed everyone by 8 s and took 425 MB; a client that never read grew without
// limit). QEMU's rule for QMP input is to stop reading a monitor while its
// requests wait (monitor_suspend in handle_qmp_command; at most
// QMP_REQ_QUEUE_LEN_MAX = 8 queued with OOB, one without). Here, likewise:
// - a client's input is read one chunk at a time, and no more is read until that
//   chunk has been answered;
// - each event-loop turn answers at most MESSAGES_PER_TURN messages (or parse
//   errors) per client, round-robin, so the guest and the other clients get every
//   turn whatever one client sends;
// - replies wait while a client has OUTPUT_PAUSE_BYTES queued and unread: its input
//   is not read until the queue drains (QEMU has no bound on its output buffer);
// - a client with more than OUTPUT_MAX_BYTES queued and unread (events keep coming
//   to a client that never reads) is disconnected.
// So one client holds at most: MAX_MESSAGE of partial message in the lexer, two
// input chunks (64 KiB each), and OUTPUT_MAX_BYTES plus one reply (620 KB at most:
// query-cpus-fast with 4096 vCPUs) of output, about 6 MiB.
export const MESSAGES_PER_TURN = 8;
export const OUTPUT_PAUSE_BYTES = 1 << 20;
export const OUTPUT_MAX_BYTES = 4 << 20;
/** How long a closing server waits for a client to take its last messages. */
const CLOSE_GRACE_MS = 1000;

interface Client {
  readonly socket: Socket;
  readonly session: QmpSession;
  /** Its input waits for the output queue to drain. */
  blocked: boolean;
  /** Messages not yet handed to the socket: written together once per event-loop turn. */
  outbox: string;
  /** The outbox's size in bytes (UTF-8), for the output bounds. */
  outboxBytes: number;
  /** The turn whose share this client had already, served as its input arrived. */
  servedTurn: number;
}

/**
 * Serves QMP on a unix socket (mode 0600) or TCP port, one QmpSession per
 * client. Events go to every negotiated client with QEMU's timestamp member.
 */
export class QmpServer {
  private readonly server: Server;
  private readonly clients = new Set<Client>();
  /** Clients with input to answer, served round-robin one turn at a time. */
  private readonly ready = new Set<Client>();
  private turnScheduled = false;
  /** Turns so far: a client served as its input arrived has had the coming turn's share. */
  private turns = 0;
  /** Clients with an outbox to write, and whether the write is scheduled. */
  private readonly unsent = new Set<Client>();
  private flushScheduled = false;
  private closed = false;

  constructor(
    private readonly vm: QmpVm,
    private readonly endpoint: QmpEndpoint,
    /** Sees every client's commands and replies (the console). */
    private readonly observer?: QmpObserver,
  ) {
    this.server = createServer((socket) => this.accept(socket));
    this.server.maxConnections = MAX_CLIENTS;
  }

  async listen(): Promise<string> {
    const ep = this.endpoint;
    if (ep.kind === 'unix') {
      // A stale socket from an earlier run would make listen() fail.
      if (existsSync(ep.path) && lstatSync(ep.path).isSocket()) unlinkSync(ep.path);
      await new Promise<void>((resolve, reject) => {
        this.server.once('error', reject);
        this.server.listen(ep.path, () => resolve());
      });
      chmodSync(ep.path, 0o600);
      return `unix:${ep.path}`;
    }
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(ep.port, ep.host, () => resolve());
    });
    const addr = this.server.address();
    return `tcp:${ep.host}:${typeof addr === 'object' && addr ? addr.port : ep.port}`;
  }

  /** What the server holds now: clients, and per client the bytes of output queued and unread. */
  stats(): { clients: number; queuedOutput: number[]; waitingInput: number } {
    const all = [...this.clients];
    return {
      clients: all.length,
      queuedOutput: all.map((c) => queued(c)),
      waitingInput: all.filter((c) => c.session.pending).length,
    };
  }

  /** True while some client has input to be answered in a coming turn. */
  get busy(): boolean {
    return this.ready.size > 0;
  }

  private accept(socket: Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    // Raw bytes: the JSON lexer works on bytes as QEMU's does (see qemu-json.ts).
    const client: Client = {
      socket,
      blocked: false,
      outbox: '',
      outboxBytes: 0,
      servedTurn: -1,
      session: new QmpSession(this.vm, (msg) => this.write(client, msg), () => this.wake(client), this.observer),
    };
    this.clients.add(client);
    socket.on('data', (chunk: Buffer) => {
      client.session.push(chunk);
      // A client with no share waiting in a turn is answered in this callback, up to
      // MESSAGES_PER_TURN: a lone request goes out without waiting for a turn. That
      // counts as the coming turn's share, which then passes it over.
      if (!this.ready.has(client) && !client.blocked && !client.session.waiting) {
        this.serve(client);
        client.servedTurn = this.turns + 1;
      }
      // Input is read on only once what came is answered.
      if (client.session.pending || client.session.waiting || client.blocked) {
        socket.pause();
        this.wake(client);
      }
    });
    socket.on('drain', () => {
      client.blocked = false;
      this.wake(client);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.clients.delete(client);
      this.ready.delete(client);
      this.unsent.delete(client);
    });
    client.session.greet();
  }

  private write(client: Client, msg: object): void {
    this.send(client, `${JSON.stringify(msg)}\r\n`);
  }

  /**
   * Queues one serialized message. The socket gets every client's messages of an
   * event-loop turn in one write (a hot-plug of thousands of vCPUs makes thousands
   * of events in a turn; a write each was most of the VM's time), when the turn's
   * synchronous work is done.
   */
  private send(client: Client, text: string): void {
    if (!client.socket.writable) return;
    client.outbox += text;
    client.outboxBytes += Buffer.byteLength(text);
    if (queued(client) > OUTPUT_MAX_BYTES) {
      client.outbox = '';
      client.outboxBytes = 0;
      client.socket.destroy();
      return;
    }
    this.unsent.add(client);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      process.nextTick(() => this.flush());
    }
  }

  /** Hands every client's queued messages to its socket. */
  private flush(): void {
    this.flushScheduled = false;
    for (const client of this.unsent) {
      if (client.socket.writable && client.outbox !== '') client.socket.write(client.outbox);
      client.outbox = '';
      client.outboxBytes = 0;
    }
    this.unsent.clear();
  }

  /** Input arrived, output drained or an asynchronous command answered: serve the client again. */
  private wake(client: Client): void {
    if (client.socket.destroyed) return;
    if (client.session.pending) {
      this.ready.add(client);
      this.scheduleTurn();
    } else if (!client.session.waiting && !client.blocked) {
      client.socket.resume();
    }
  }

  /** One event-loop turn: each ready client gets at most MESSAGES_PER_TURN answers. */
  private turn(): void {
    this.turnScheduled = false;
    this.turns++;
    for (const client of [...this.ready]) {
      if (client.servedTurn === this.turns) {
        // Its share of this turn went out as its input arrived: the next turn serves it.
        this.scheduleTurn();
        continue;
      }
      this.ready.delete(client);
      if (client.socket.destroyed) continue;
      this.serve(client);
      if (!client.blocked) this.wake(client);
    }
  }

  private scheduleTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(() => this.turn());
  }

  /** Answers at most MESSAGES_PER_TURN of a client's messages, fewer if its output is full. */
  private serve(client: Client): void {
    const { session } = client;
    for (let n = 0; n < MESSAGES_PER_TURN && session.pending && !session.waiting; n++) {
      if (queued(client) >= OUTPUT_PAUSE_BYTES) {
        client.blocked = true;
        break;
      }
      session.work(1);
    }
    if (queued(client) >= OUTPUT_PAUSE_BYTES) client.blocked = true;
  }

  /** Broadcasts an event, stamped with the wall-clock time as QEMU does. */
  event(event: string, data?: Record<string, unknown>): void {
    // Serialized once for every client.
    const text = `${JSON.stringify(qmpEventMessage(event, data))}\r\n`;
    for (const client of this.clients) if (client.session.eventsWanted) this.send(client, text);
  }

  /**
   * Stops accepting clients and removes a unix socket at once; then ends every
   * connection after what is queued for it (the SHUTDOWN event, quit's reply) has
   * been sent, cutting a client that does not read after CLOSE_GRACE_MS.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.ready.clear();
    this.flush();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.endpoint.kind === 'unix' && existsSync(this.endpoint.path)) unlinkSync(this.endpoint.path);
    for (const { socket } of this.clients) {
      socket.end();
      setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
    }
    await closed;
  }
}

/** An event as QMP sends it, stamped with the wall-clock time as QEMU does. */
export function qmpEventMessage(event: string, data?: Record<string, unknown>): object {
  const now = Date.now();
  return {
    timestamp: { seconds: Math.floor(now / 1000), microseconds: (now % 1000) * 1000 },
    event,
    ...(data !== undefined ? { data } : {}),
  };
}

/** A client's output not yet taken by its peer: unsent messages and the socket's buffer. */
function queued(client: Client): number {
  return client.outboxBytes + client.socket.writableLength;
}

/** Parses -qmp unix:PATH[,server=on][,wait=off] or tcp:HOST:PORT[,...]. */
export function parseQmpEndpoint(spec: string): QmpEndpoint {
  const [target = '', ...opts] = spec.split(',');
  for (const o of opts) {
    if (!/^(server(=on)?|nowait|wait=off|server=on)$/.test(o)) {
      throw new Error(`-qmp: option '${o}' is not supported (use server=on,wait=off)`);
    }
  }
  if (target.startsWith('unix:') && target.length > 5) return { kind: 'unix', path: target.slice(5) };
  const tcp = /^tcp:([^:]*):([0-9]{1,5})$/.exec(target);
  if (tcp) {
    const port = Number(tcp[2]);
    if (port > 65535) throw new Error(`-qmp: port ${port} is out of range`);
    return { kind: 'tcp', host: tcp[1] || '127.0.0.1', port };
  }
  throw new Error(`-qmp: expected unix:PATH or tcp:HOST:PORT, got '${spec}'`);
}
