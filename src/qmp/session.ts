import { checkArgs } from './args.ts';
import { COMMANDS, QMP_VERSION, type QmpVm } from './commands.ts';
import { QmpError } from './errors.ts';
import { JsonStream } from './json-stream.ts';

/** The largest QMP message accepted, in characters; larger ones get an error. */
export const MAX_MESSAGE = 1 << 20;

/**
 * One QMP connection, as QEMU speaks it: a greeting, capabilities negotiation,
 * then commands answered in order with their `id` echoed. Events reach the
 * client only after negotiation. Every bad input gets an error reply and the
 * session and the VM carry on.
 */
export class QmpSession {
  private negotiated = false;
  private readonly stream: JsonStream;

  constructor(
    private readonly vm: QmpVm,
    private readonly send: (message: object) => void,
  ) {
    this.stream = new JsonStream(MAX_MESSAGE, (t) => this.receive(t), () =>
      this.reply(undefined, new QmpError('GenericError', `JSON parse error, message exceeds ${MAX_MESSAGE} characters`)),
    );
  }

  greet(): void {
    this.send({ QMP: { version: QMP_VERSION, capabilities: ['oob'] } });
  }

  /** Feeds raw input from the client. */
  push(chunk: string): void {
    this.stream.push(chunk);
  }

  /** Sends an event if the client has negotiated capabilities. */
  event(message: object): void {
    if (this.negotiated) this.send(message);
  }

  private reply(id: unknown, error: QmpError | undefined, value?: unknown): void {
    const idPart = id !== undefined ? { id } : {};
    this.send(error ? { error: { class: error.errorClass, desc: error.message }, ...idPart } : { return: value ?? {}, ...idPart });
  }

  private receive(text: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch (e) {
      this.reply(undefined, new QmpError('GenericError', `JSON parse error, ${(e as Error).message}`));
      return;
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
      this.reply(undefined, new QmpError('GenericError', 'QMP input must be a JSON object'));
      return;
    }
    const m = msg as Record<string, unknown>;
    try {
      this.reply(m['id'], undefined, this.dispatch(m));
    } catch (e) {
      if (e instanceof QmpError) this.reply(m['id'], e);
      else this.reply(m['id'], new QmpError('GenericError', e instanceof Error ? e.message : String(e)));
    }
  }

  private dispatch(m: Record<string, unknown>): unknown {
    for (const key of Object.keys(m)) {
      if (!['execute', 'exec-oob', 'arguments', 'id', 'control'].includes(key)) {
        throw new QmpError('GenericError', `QMP input member '${key}' is unexpected`);
      }
    }
    const name = m['execute'];
    if (name === undefined) throw new QmpError('GenericError', "QMP input lacks member 'execute'");
    if (typeof name !== 'string') throw new QmpError('GenericError', "QMP input member 'execute' must be a string");
    const args = m['arguments'] ?? {};
    if (typeof args !== 'object' || args === null || Array.isArray(args)) {
      throw new QmpError('GenericError', "QMP input member 'arguments' must be an object");
    }
    if (name === 'qmp_capabilities') {
      if (this.negotiated) throw new QmpError('CommandNotFound', 'Capabilities negotiation is already complete, command ignored');
      checkArgs({ args: { enable: { type: 'any', optional: true } } }, args as Record<string, unknown>);
      this.negotiated = true;
      return {};
    }
    if (!this.negotiated) throw new QmpError('CommandNotFound', "Expecting capabilities negotiation with 'qmp_capabilities'");
    const cmd = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!cmd) throw new QmpError('CommandNotFound', `The command ${name} has not been found`);
    checkArgs(cmd.schema, args as Record<string, unknown>);
    return cmd.run(this.vm, args as Record<string, unknown>);
  }
}
