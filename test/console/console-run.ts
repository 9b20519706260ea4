// `cpuhp run --console` for the browser tests: the process, its console URL, and
// QMP over the console's POST /qmp (with the token, as a non-browser client).
import { RunProcess } from '../cli/run-process.ts';

export interface ConsoleRun {
  readonly run: RunProcess;
  /** The page's URL as printed, token included. */
  readonly url: string;
  qmp(command: string, args?: Record<string, unknown>): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startConsoleRun(args: readonly string[]): Promise<ConsoleRun> {
  const run = RunProcess.start(['run', ...args, '--console']);
  try {
    const url = (await run.waitForLine(/cpuhp: console on (http:\/\/\S+)/))[1]!;
    return {
      run,
      url,
      async qmp(command, a) {
        const u = new URL(url);
        const res = await fetch(`${u.origin}/qmp${u.search}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ execute: command, ...(a ? { arguments: a } : {}) }) });
        if (res.status !== 200) throw new Error(`POST /qmp: ${res.status} ${await res.text()}`);
        return (await res.json()) as Record<string, unknown>;
      },
      async stop() {
        await run.stop('SIGTERM');
      },
    };
  } catch (e) {
    await run.stop('SIGKILL').catch(() => {});
    throw e;
  }
}
