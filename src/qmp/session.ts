import { checkArgs } from './args.ts';
import { COMMANDS, qmpVersion, type QmpVm } from './commands.ts';
import { QmpError } from './errors.ts';
import { QemuJsonParser, type ParseResult } from './qemu-json.ts';
import { qdictOrder } from './qemu-order.ts';

/**
 * Watches a session's commands (the console draws them): called with each command
 * that has a name, before it runs; what it returns is called with the reply.
 */
export type QmpObserver = (command: string, args: Readonly<Record<string, unknown>>) => ((reply: QmpReply) => void) | void;

export type QmpReply = { readonly return: unknown } | { readonly error: { readonly class: string; readonly desc: string } };

/** The largest QMP message accepted, in bytes; larger ones get an error. */
export const MAX_MESSAGE = 1 << 20;

/**
 * One QMP connection, as QEMU speaks it: a greeting, capabilities negotiation,
 * then commands answered in order with their `id` echoed. Events reach the
 * client only after negotiation. Every bad input gets an error reply and the
 * session and the VM carry on: whatever a command or the parser throws becomes
 * a GenericError reply.
 *
 * Input is queued by push() and answered by work(), which its caller bounds (the
 * server gives each client a few messages per event-loop turn). A command that
 * answers asynchronously (migrate) holds the session until it has answered, as
 * QEMU's monitor runs one command at a time; `onIdle` is called then.
 */
export class QmpSession {
  private negotiated = false;
  /** The client enabled the 'oob' capability: exec-oob is then a command member. */
  private oob = false;
  /** After quit nothing more is read, as QEMU exits right after answering it. */
  private quitting = false;
  private stream: QemuJsonParser;
  /** Input not lexed yet, oldest first, and how far into the first chunk the lexer is. */
  private readonly inbox: Uint8Array[] = [];
  private at = 0;
  /** An asynchronous command is running: nothing more is read until it has answered. */
  private busy = false;
  /** The observer's callback for the command being answered. */
  private onReply: ((reply: QmpReply) => void) | undefined;

  constructor(
    private readonly vm: QmpVm,
    private readonly send: (message: object) => void,
    private readonly onIdle: () => void = () => {},
    private readonly observer?: QmpObserver,
  ) {
    this.stream = this.parser();
  }

  private parser(): QemuJsonParser {
    return new QemuJsonParser((r) => this.receive(r), MAX_MESSAGE, `JSON parse error, message exceeds ${MAX_MESSAGE} bytes`);
  }

  greet(): void {
    this.send({ QMP: { version: qmpVersion(this.vm), capabilities: ['oob'] } });
  }

  /** Queues raw input from the client (bytes, or text taken as UTF-8); work() answers it. */
  push(chunk: string | Uint8Array): void {
    if (this.quitting) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (bytes.length > 0) this.inbox.push(bytes);
  }

  /** True while queued input waits to be answered. */
  get pending(): boolean {
    return this.inbox.length > 0 && !this.quitting;
  }

  /** True while an asynchronous command runs. */
  get waiting(): boolean {
    return this.busy;
  }

  /**
   * Lexes queued input until `maxMessages` messages (or parse errors) have been
   * answered, an asynchronous command started, or the input ran out. Returns
   * true if input is left.
   */
  work(maxMessages = Infinity): boolean {
    for (let n = 0; n < maxMessages && !this.busy && !this.quitting && this.inbox.length > 0; ) {
      const chunk = this.inbox[0]!;
      const before = this.at;
      try {
        this.at = this.stream.feedUntil(chunk, this.at, 1);
      } catch (e) {
        // A parser bug must not end the VM: answer it, start a fresh parser after the byte that failed.
        this.reply(undefined, new QmpError('GenericError', `internal error while parsing QMP input: ${e instanceof Error ? e.message : String(e)}`));
        this.stream = this.parser();
        this.at = Math.max(this.at, before + 1);
      }
      if (this.at >= chunk.length) {
        this.inbox.shift();
        this.at = 0;
      }
      // Each feedUntil call stops right after one result (or at the chunk's end).
      n++;
    }
    return this.pending;
  }
  /** Sends an event if the client has negotiated capabilities. */
  event(message: object): void {
    if (this.negotiated) this.send(message);
  }

  /** True once events go to this client (it has negotiated capabilities). */
  get eventsWanted(): boolean {
    return this.negotiated;
  }

  private reply(id: unknown, error: QmpError | undefined, value?: unknown): void {
    const reply: QmpReply = error ? { error: { class: error.errorClass, desc: error.message } } : { return: value ?? {} };
    const hook = this.onReply;
    this.onReply = undefined;
    hook?.(reply);
    this.send(id !== undefined ? { ...reply, id } : reply);
  }

  private receive(r: ParseResult): void {
    if (this.quitting) return;
    if ('error' in r) {
      this.reply(undefined, new QmpError('GenericError', r.error));
      return;
    }
    const msg = r.value;
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
      this.reply(undefined, new QmpError('GenericError', 'QMP input must be a JSON object'));
      return;
    }
    const m = msg as Record<string, unknown>;
    let result: unknown;
    try {
      result = this.dispatch(m);
    } catch (e) {
      this.reply(m['id'], this.asQmpError(e));
      return;
    }
    if (!(result instanceof Promise)) {
      this.reply(m['id'], undefined, result);
      return;
    }
    this.busy = true;
    result.then(
      (value: unknown) => this.reply(m['id'], undefined, value),
      (e: unknown) => this.reply(m['id'], this.asQmpError(e)),
    ).finally(() => {
      this.busy = false;
      this.onIdle();
    });
  }

  private asQmpError(e: unknown): QmpError {
    const err = e instanceof QmpError ? e : new QmpError('GenericError', e instanceof Error ? e.message : String(e));
    // monitor_qmp_dispatch: before negotiation every CommandNotFound gets this text.
    if (!this.negotiated && err.errorClass === 'CommandNotFound') {
      return new QmpError('CommandNotFound', "Expecting capabilities negotiation with 'qmp_capabilities'");
    }
    return err;
  }

  /**
   * qmp_dispatch_check_obj. QEMU walks the members in its QDict order, which only
   * decides which of several problems it reports; so a message is walked as it
   * came, and again in QDict order (a hash of every member) only if it has a problem.
   */
  private commandName(m: Record<string, unknown>): { name: string; oob: boolean } {
    const keys = Object.keys(m);
    const found = this.checkMembers(m, keys);
    if (!(found instanceof QmpError)) return found;
    const first = this.checkMembers(m, qdictOrder(keys));
    throw first instanceof QmpError ? first : found;
  }

  /** The command's name, or the first problem with the members walked in `keys`' order. */
  private checkMembers(m: Record<string, unknown>, keys: readonly string[]): { name: string; oob: boolean } | QmpError {
    let execKey: string | undefined;
    for (const key of keys) {
      if (key === 'execute' || (key === 'exec-oob' && this.oob)) {
        if (typeof m[key] !== 'string') return new QmpError('GenericError', `QMP input member '${key}' must be a string`);
        if (execKey !== undefined) return new QmpError('GenericError', `QMP input member '${key}' clashes with '${execKey}'`);
        execKey = key;
      } else if (key === 'arguments') {
        const args = m[key];
        if (typeof args !== 'object' || args === null || Array.isArray(args)) {
          return new QmpError('GenericError', "QMP input member 'arguments' must be an object");
        }
      } else if (key !== 'id') {
        return new QmpError('GenericError', `QMP input member '${key}' is unexpected`);
      }
    }
    if (execKey === undefined) return new QmpError('GenericError', "QMP input lacks member 'execute'");
    return { name: m[execKey] as string, oob: execKey === 'exec-oob' };
  }

  private dispatch(m: Record<string, unknown>): unknown {
    const { name, oob } = this.commandName(m);
    const args = (m['arguments'] ?? {}) as Record<string, unknown>;
    this.onReply = this.observer?.(name, args) ?? undefined;
    if (name === 'qmp_capabilities') {
      if (oob) throw new QmpError('GenericError', `The command ${name} does not support OOB`);
      // QEMU validates the arguments first (members, then unexpected ones), then refuses a second negotiation.
      const oobWanted = capabilities(args['enable']);
      checkArgs({ args: { enable: { type: 'any', optional: true } } }, args);
      if (this.negotiated) throw new QmpError('CommandNotFound', 'Capabilities negotiation is already complete, command ignored');
      this.negotiated = true;
      this.oob = oobWanted;
      return {};
    }
    // Before negotiation only qmp_capabilities exists (QEMU's qmp_cap_negotiation_commands).
    const cmd = this.negotiated && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!cmd) throw new QmpError('CommandNotFound', `The command ${name} has not been found`);
    // No cpuhp command may run out-of-band (QEMU allows it only for a few migration commands).
    if (oob) throw new QmpError('GenericError', `The command ${name} does not support OOB`);
    checkArgs(cmd.schema, args);
    if (name === 'quit') this.quitting = true;
    return cmd.run(this.vm, args);
  }
}

/**
 * qmp_capabilities' enable: ['QMPCapability', ...] with QEMU 7.2's visitor
 * messages (the enum error names the member 'null', as QEMU's does). True when
 * 'oob' is asked for, the only capability there is.
 */
function capabilities(enable: unknown): boolean {
  if (enable === undefined) return false;
  if (!Array.isArray(enable)) throw new QmpError('GenericError', "Invalid parameter type for 'enable', expected: array");
  enable.forEach((c: unknown, i) => {
    if (typeof c !== 'string') throw new QmpError('GenericError', `Invalid parameter type for 'enable[${i}]', expected: string`);
    if (c !== 'oob') throw new QmpError('GenericError', `Parameter 'null' does not accept value '${c}'`);
  });
  return enable.length > 0;
}
