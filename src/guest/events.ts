// Everything the guest does, as events anyone can subscribe to: the timeline of a
// hot-plug, step by step, and the kernel-style log lines beside it.
import { Listeners, type ListenOptions } from '../base/index.ts';

export type GuestEvent =
  | { readonly type: 'interrupt'; readonly line: number; readonly source: 'sci' | 'ged' }
  | { readonly type: 'gpe'; readonly gpe: number; readonly method: string }
  | { readonly type: 'aml'; readonly path: string; readonly args: readonly string[] }
  | { readonly type: 'io'; readonly space: string; readonly address: number; readonly bitWidth: number; readonly value: bigint; readonly direction: 'read' | 'write' }
  | { readonly type: 'notify'; readonly path: string; readonly value: number }
  | { readonly type: 'sta'; readonly path: string; readonly value: number }
  | { readonly type: 'ost'; readonly path: string; readonly source: number; readonly status: number }
  | { readonly type: 'cpu'; readonly action: CpuAction; readonly cpu: number; readonly path: string }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'err' | 'debug'; readonly text: string };

export type CpuAction = 'registered' | 'online' | 'offline' | 'unregistered' | 'refused';

export type GuestListener = (e: GuestEvent, time: number) => void;

/**
 * The guest's trace detail: each register access its AML makes ('io') and each
 * evaluation ('aml'), except _EJ0's, a milestone of every hot-remove.
 */
export function isGuestTrace(e: GuestEvent): boolean {
  return e.type === 'io' || (e.type === 'aml' && !e.path.endsWith('._EJ0'));
}

/** Fans events out to listeners with the guest's virtual time (µs since boot). */
export class GuestEvents {
  private readonly listeners = new Listeners<[GuestEvent, number]>((t) => this.tracingChanged?.(t));
  /** The guest subscribes to its interpreter's register trace only while someone wants it. */
  tracingChanged: ((tracing: boolean) => void) | undefined;
  /** Virtual microseconds: advanced by the guest's own steps, never by the wall clock. */
  time = 0;

  on(fn: GuestListener, options?: ListenOptions): () => void {
    return this.listeners.add(fn, options);
  }

  /** Some listener wants the trace detail (isGuestTrace): only then is it built. */
  get tracing(): boolean {
    return this.listeners.tracing;
  }

  emit(e: GuestEvent): void {
    this.listeners.emit(isGuestTrace(e), e, this.time);
  }

  log(text: string, level: 'info' | 'warn' | 'err' | 'debug' = 'info'): void {
    this.emit({ type: 'log', level, text });
  }
}

/** A log line the way dmesg prints it: `[    1.000042] text`. */
export function formatLogLine(time: number, text: string): string {
  const s = Math.floor(time / 1e6);
  const us = time % 1e6;
  return `[${String(s).padStart(5, ' ')}.${String(us).padStart(6, '0')}] ${text}`;
}
