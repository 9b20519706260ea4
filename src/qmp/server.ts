import { chmodSync, existsSync, lstatSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { QmpVm } from './commands.ts';
import { QmpSession } from './session.ts';

/** Where a QMP server listens, parsed from QEMU's -qmp syntax. */
export type QmpEndpoint = { readonly kind: 'unix'; readonly path: string } | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

/** Most clients served at once; more are refused so no client can exhaust the VM. */
export const MAX_CLIENTS = 256;

/**
 * Serves QMP on a unix socket (mode 0600) or TCP port, one QmpSession per
 * client. Events go to every negotiated client with QEMU's timestamp member.
 */
export class QmpServer {
  private readonly server: Server;
  private readonly sessions = new Set<{ session: QmpSession; socket: Socket }>();

  constructor(
    private readonly vm: QmpVm,
    private readonly endpoint: QmpEndpoint,
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

  private accept(socket: Socket): void {
    // Raw bytes: the JSON lexer works on bytes as QEMU's does (see qemu-json.ts).
    const entry = {
      socket,
      session: new QmpSession(this.vm, (msg) => {
        if (!socket.destroyed) socket.write(`${JSON.stringify(msg)}\r\n`);
      }),
    };
    this.sessions.add(entry);
    socket.on('data', (chunk: Buffer) => entry.session.push(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sessions.delete(entry));
    entry.session.greet();
  }

  /** Broadcasts an event, stamped with the wall-clock time as QEMU does. */
  event(event: string, data?: Record<string, unknown>): void {
    const now = Date.now();
    const msg = {
      timestamp: { seconds: Math.floor(now / 1000), microseconds: (now % 1000) * 1000 },
      event,
      ...(data !== undefined ? { data } : {}),
    };
    for (const { session } of this.sessions) session.event(msg);
  }

  async close(): Promise<void> {
    for (const { socket } of this.sessions) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.endpoint.kind === 'unix' && existsSync(this.endpoint.path)) unlinkSync(this.endpoint.path);
  }
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
