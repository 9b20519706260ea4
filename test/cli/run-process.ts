// `cpuhp run` as a child process for tests: its output lines as they come,
// waits for a line that matches (bounded, scaled with the machine's load), and a
// stop that always ends the process (SIGKILL after a grace period). Children are
// tracked (test/support/children.ts) and started with --exit-with-parent, so no
// test leaves one behind even if it is killed.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { trackChild } from '../support/children.ts';
import { scaled } from '../support/load-scale.ts';

export const CPUHP_BIN = fileURLToPath(new URL('../../bin/cpuhp.js', import.meta.url));

/** Time a process gets to exit after a signal before it is killed (on an idle machine; scaled). */
const GRACE_MS = 5_000;
/** Time for a line to appear (on an idle machine; scaled). */
const LINE_MS = 20_000;

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export class RunProcess {
  /** Output lines so far (`cpuhp run` prints its log and timeline on stdout). */
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<Exit>;
  private readonly waiters = new Set<() => void>();
  private exit: Exit | undefined;

  private constructor(readonly child: ChildProcessWithoutNullStreams, group: boolean) {
    trackChild(child, { group });
    const lines = (into: string[]) => {
      let buf = '';
      return (s: string) => {
        buf += s;
        for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
          into.push(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
        }
        for (const w of this.waiters) w();
      };
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', lines(this.stdout));
    child.stderr.on('data', lines(this.stderr));
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.exit = { code, signal };
        for (const w of this.waiters) w();
        resolve(this.exit);
      });
    });
  }

  /** Starts `node bin/cpuhp.js ARGS...`; `run` also gets --exit-with-parent. */
  static start(args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunProcess {
    const argv = args[0] === 'run' ? ['run', '--exit-with-parent', ...args.slice(1)] : [...args];
    return new RunProcess(spawn(process.execPath, [CPUHP_BIN, ...argv], { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] }), false);
  }

  /** Wraps an already spawned child (e.g. `npx cpuhp run` from a shell); `group`: it leads its own process group. */
  static adopt(child: ChildProcessWithoutNullStreams, { group = false }: { group?: boolean } = {}): RunProcess {
    return new RunProcess(child, group);
  }

  /** The first stdout line matching `re` (already printed or still to come). */
  async waitForLine(re: RegExp, timeoutMs = scaled(LINE_MS)): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const line of this.stdout) {
        const m = re.exec(line);
        if (m) return m;
      }
      if (this.exit) throw new Error(`process exited (${JSON.stringify(this.exit)}) without printing ${re}\n${this.transcript()}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no line matching ${re} within ${timeoutMs} ms\n${this.transcript()}`);
      // Woken by new output or the exit, or at the deadline.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.waiters.add(done);
      });
    }
  }

  /** Waits for the exit, sending `signal` first if given; kills it after the grace period. */
  async stop(signal?: NodeJS.Signals, graceMs = scaled(GRACE_MS)): Promise<Exit> {
    if (signal && !this.exit) this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), graceMs)));
    const r = await Promise.race([this.exited, late]);
    clearTimeout(timer);
    if (r !== 'late') return r;
    this.child.kill('SIGKILL');
    await this.exited;
    throw new Error(`the process did not exit within ${graceMs} ms${signal ? ` of ${signal}` : ''}\n${this.transcript()}`);
  }

  transcript(): string {
    return [...this.stdout.map((l) => `out| ${l}`), ...this.stderr.map((l) => `err| ${l}`)].slice(-80).join('\n');
  }
}

/**
 * Checks that `patterns` match lines of `lines` in this order (other lines may
 * come between); returns the index of each match, or throws naming the first
 * pattern not found after the previous one.
 */
export function inOrder(lines: readonly string[], patterns: readonly RegExp[]): number[] {
  const at: number[] = [];
  let from = 0;
  for (const p of patterns) {
    const i = lines.findIndex((l, k) => k >= from && p.test(l));
    if (i < 0) throw new Error(`no line matching ${p} after line ${from}:\n${lines.map((l, k) => `${String(k).padStart(3)} ${l}`).join('\n')}`);
    at.push(i);
    from = i + 1;
  }
  return at;
}
