// Who may use the console. The page and its socket can act on the VM (plug,
// unplug, any QMP command), so, as a browser sees it: only a URL with the console's
// token (128 random bits, printed at start) reaches them; a WebSocket upgrade or
// POST whose Origin is another site's is refused (a page elsewhere cannot drive the
// VM through the user's browser); and on a loopback address the Host must be the
// console's own, so a DNS name rebound to 127.0.0.1 gets nothing either.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

export const newToken = (): string => randomBytes(16).toString('hex');

export class ConsoleAccess {
  private hosts: Set<string> | undefined;

  constructor(
    readonly token: string,
    private readonly host: string,
  ) {}

  /** Once listening: the Host values the console answers to (any, off loopback). */
  listening(port: number): void {
    if (!LOOPBACK_HOSTS.includes(this.host)) return;
    const names = this.host === '::1' ? ['[::1]', 'localhost'] : [this.host, 'localhost'];
    this.hosts = new Set(names.map((n) => `${n}:${port}`));
  }

  /** Why the request is refused, or undefined when it may go on. */
  refusal(req: IncomingMessage, url: URL): string | undefined {
    const host = req.headers.host ?? '';
    if (this.hosts && !this.hosts.has(host)) return `Host '${host}' is not this console's`;
    const origin = req.headers.origin;
    // Browsers send Origin with every WebSocket upgrade and POST; other clients may not.
    if (origin !== undefined && origin !== `http://${host}`) return `Origin '${origin}' is not this console's`;
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const want = Buffer.from(this.token);
    if (given.length !== want.length || !timingSafeEqual(given, want)) return 'missing or wrong token';
    return undefined;
  }
}
