// Subscriptions to a stream of events, shared by the machine, the guest
// and the VM. A listener says whether it wants the trace detail (register
// accesses, trace points, AML evaluations): those are most of the events, and
// the producers build them only while some listener wants them, so a VM whose
// only listener logs milestones builds no trace object at all.

export interface ListenOptions {
  /** Also the trace detail; default true (every event, as before there was a choice). */
  readonly trace?: boolean;
}

interface Entry<A extends unknown[]> {
  readonly fn: (...args: A) => void;
  readonly trace: boolean;
}

export class Listeners<A extends unknown[]> {
  private entries: Entry<A>[] = [];
  private tracers = 0;

  /** `onTracingChange` runs when the first trace listener comes or the last one goes. */
  constructor(private readonly onTracingChange?: (tracing: boolean) => void) {}

  /** Adds a listener; returns the function that removes it (once). */
  add(fn: (...args: A) => void, { trace = true }: ListenOptions = {}): () => void {
    const entry: Entry<A> = { fn, trace };
    // Copy on change: a listener that unsubscribes while an event is delivered does not skip another.
    this.entries = [...this.entries, entry];
    if (trace && ++this.tracers === 1) this.onTracingChange?.(true);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.entries = this.entries.filter((e) => e !== entry);
      if (trace && --this.tracers === 0) this.onTracingChange?.(false);
    };
  }

  get count(): number {
    return this.entries.length;
  }

  /** Some listener wants the trace detail: only then is it worth building. */
  get tracing(): boolean {
    return this.tracers > 0;
  }

  /** Delivers an event to every listener (a trace event only to those that want the detail). */
  emit(trace: boolean, ...args: A): void {
    for (const e of this.entries) if (e.trace || !trace) e.fn(...args);
  }
}
