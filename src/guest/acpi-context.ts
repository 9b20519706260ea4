import { AmlError, buffer, integer, type AmlValue, type Interpreter } from '../aml/interp/index.ts';
import type { GuestEvents } from './events.ts';

/**
 * How the guest's drivers call AML: every evaluation goes on the timeline, and an
 * AML error is logged and reported as undefined, as Linux logs an ACPI error and
 * carries on.
 */
export class AcpiContext {
  constructor(
    readonly interp: Interpreter,
    readonly events: GuestEvents,
  ) {}

  /** Evaluates `path`; undefined if it is missing or fails. */
  call(path: string, args: readonly (number | AmlValue)[] = []): AmlValue | undefined {
    const r = this.run(path, args);
    return r.ok ? r.value : undefined;
  }

  /** Evaluates `path`, telling a failure (logged) from a method that returns nothing. */
  run(path: string, args: readonly (number | AmlValue)[] = []): { ok: true; value: AmlValue | undefined } | { ok: false } {
    return this.interp.exists(path) ? this.runExisting(path, args) : { ok: false };
  }

  /** run() of a path known to exist: _STA and _OST, called for every vCPU of a hot-plug burst, look it up once less. */
  private runExisting(path: string, args: readonly (number | AmlValue)[]): { ok: true; value: AmlValue | undefined } | { ok: false } {
    if (this.events.tracing || path.endsWith('._EJ0')) this.events.emit({ type: 'aml', path, args: args.map(describeArg) });
    try {
      return { ok: true, value: this.interp.evaluate(path, args.map((a) => (typeof a === 'number' ? integer(a) : a))) };
    } catch (e) {
      if (!(e instanceof AmlError)) throw e;
      this.events.log(`ACPI Error: Aborting method ${path} due to previous error (${e.code}): ${e.message}`, 'err');
      return { ok: false };
    }
  }

  /** An integer result, or undefined. */
  callInteger(path: string, args: readonly number[] = []): number | undefined {
    return integer32(this.call(path, args));
  }

  /** _STA of a device: 0x0F when it has none (ACPI 6.5 §6.3.7). */
  sta(device: string): number {
    const path = `${device}._STA`;
    let v = 0x0f;
    if (this.interp.exists(path)) {
      const r = this.runExisting(path, []);
      v = (r.ok ? integer32(r.value) : undefined) ?? 0;
    }
    this.events.emit({ type: 'sta', path: device, value: v });
    return v;
  }

  /** _OST(source, status), if the device has it (it is optional). */
  ost(device: string, source: number, status: number): void {
    const path = `${device}._OST`;
    if (!this.interp.exists(path)) return;
    this.events.emit({ type: 'ost', path: device, source, status });
    // Linux passes an empty status-information buffer (acpi_evaluate_ost with NULL).
    this.runExisting(path, [source, status, buffer(new Uint8Array(0))]);
  }
}

/** The low 32 bits of an Integer, or undefined. */
function integer32(v: AmlValue | undefined): number | undefined {
  return v?.kind === 'integer' ? Number(v.value & 0xffffffffn) : undefined;
}

function describeArg(a: number | AmlValue): string {
  if (typeof a === 'number') return `0x${a.toString(16)}`;
  if (a.kind === 'integer') return `0x${a.value.toString(16)}`;
  if (a.kind === 'buffer') return `Buffer(${a.value.length})`;
  return a.kind;
}
