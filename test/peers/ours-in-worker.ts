// runOurs() in a worker thread, with a wall-clock timeout that terminates the
// worker: the only way to stop a synchronous evaluation that does not end. One
// request at a time; after a timeout the next request starts a fresh worker.

import { Worker } from 'node:worker_threads';
import type { Command, Trace } from './aml-trace.ts';
import type { OursOptions } from './run-ours.ts';

export interface OursRequest {
  readonly id: number;
  readonly tables: readonly Uint8Array[];
  readonly commands: readonly Command[];
  readonly options: OursOptions;
}

export interface OursFailure { readonly code: string; readonly message: string }

export type OursReply =
  | { readonly id: number; readonly status: 'ran'; readonly trace: Trace; readonly errors: readonly (OursFailure | undefined)[]; readonly initFailures: readonly string[] }
  | { readonly id: number; readonly status: 'crash'; readonly message: string };

export type OursOutcome = OursReply | { readonly status: 'timeout'; readonly timeoutMs: number };

/**
 * A worker that runs TypeScript. Node 20 does not hand tsx's loader hooks on to
 * worker threads, so a small eval'd bootstrap registers tsx's ESM API first.
 */
function startWorker(): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./ours-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

export class OursWorker {
  private worker: Worker | undefined;
  private nextId = 0;

  /** Runs one request; never rejects: a timeout or a dead worker is an outcome. */
  async run(tables: readonly Uint8Array[], commands: readonly Command[], options: OursOptions, timeoutMs: number): Promise<OursOutcome> {
    const worker = (this.worker ??= startWorker());
    const id = this.nextId++;
    let dead = false;
    const outcome = await new Promise<OursOutcome>((resolve) => {
      const done = (o: OursOutcome) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve(o);
      };
      const timer = setTimeout(() => done({ status: 'timeout', timeoutMs }), timeoutMs);
      const onMessage = (m: OursReply) => { if (m.id === id) done(m); };
      const onError = (e: Error) => {
        dead = true;
        done({ id, status: 'crash', message: `worker died: ${e.message}` });
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, tables, commands, options } satisfies OursRequest);
    });
    // A crash reply came from a live worker (each run has its own Interpreter); keep it.
    if (outcome.status === 'timeout' || dead) await this.stop();
    return outcome;
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
