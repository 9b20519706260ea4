// A process serving QMP on a unix socket (a QEMU, or `cpuhp run`), started for a test
// and always ended by it (spawnTracked: it dies with the test process, however that
// ends), and stop() sends quit then SIGKILL after a grace period.
import type { ChildProcess } from 'node:child_process';
import { QmpTestClient } from '../qmp/qmp-client.ts';
import { spawnTracked } from '../support/children.ts';
import { scaled } from '../support/load-scale.ts';


export class QmpProcess {
  private constructor(
    readonly proc: ChildProcess,
    readonly qmp: QmpTestClient,
  ) {}

  /** Starts `command args...` (which must serve QMP on `qmpPath`) and connects, greeting read. */
  static async start(command: string, args: readonly string[], qmpPath: string, label: string): Promise<QmpProcess> {
    const proc = spawnTracked(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (s: string) => (err = (err + s).slice(-4000)));
    try {
      return new QmpProcess(proc, await QmpTestClient.connect(qmpPath, { label, connectMs: scaled(20_000), timeoutMs: scaled(20_000) }));
    } catch (e) {
      proc.kill('SIGKILL');
      throw new Error(`${label}: ${(e as Error).message}\n${err}`);
    }
  }

  /** Ends the process: quit over QMP, SIGKILL if it is still there after a grace period. */
  stop(): Promise<void> {
    return quitOrKill(this.proc, this.qmp);
  }
}

/** Sends quit over `qmp`, kills `proc` if it has not exited after a grace period, closes `qmp`. */
export async function quitOrKill(proc: ChildProcess, qmp: QmpTestClient): Promise<void> {
  if (proc.exitCode === null && proc.signalCode === null) {
    const gone = new Promise<void>((r) => proc.once('exit', () => r()));
    qmp.write('{"execute":"quit"}\n');
    const t = setTimeout(() => proc.kill('SIGKILL'), scaled(5_000));
    await gone;
    clearTimeout(t);
  }
  qmp.close();
}
