// Starts `cpuhp run` or QEMU 7.2 with QMP on unix sockets for the QMP benchmarks.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnTracked, trackChild } from '../test/support/children.ts';

const CPUHP_BIN = fileURLToPath(new URL('../bin/cpuhp.js', import.meta.url));
const FLOOR_SERVER = fileURLToPath(new URL('./floor-server.ts', import.meta.url));
const EXIT_GRACE_MS = 5_000;

/** 'floor': floor-server.ts, the least a Node.js QMP server can do (one socket, no VM). */
export type ServerKind = 'cpuhp' | 'qemu' | 'floor';

export interface Served {
  /** The first (for cpuhp the only) QMP socket. */
  readonly path: string;
  /** QEMU: one socket per monitor. */
  readonly paths: string[];
  /** True while the server process runs. */
  running(): boolean;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** QEMU's -qmp serves one client at a time: this many monitors, a socket each. */
  readonly monitors?: number;
  /** Run the server on these CPUs only (taskset's list, e.g. "1"). */
  readonly cpus?: string;
  /** Receives what the server writes to stdout (else it is discarded). */
  readonly onOutput?: (text: string) => void;
}

/** Starts `cpuhp run` or QEMU with QMP in a fresh directory; close() ends it for sure. */
export function serve(kind: ServerKind, args: readonly string[], { monitors = 1, cpus, onOutput }: ServeOptions = {}): Served {
  const dir = mkdtempSync(join(tmpdir(), `cpuhp-bench-${kind}-`));
  const path = join(dir, 'qmp.sock');
  const paths = kind === 'qemu' && monitors > 1 ? Array.from({ length: monitors }, (_, i) => join(dir, `qmp${i}.sock`)) : [path];
  const qmp = paths.flatMap((p) => ['-qmp', `unix:${p},server=on,wait=off`]);
  const argv =
    kind === 'cpuhp'
      ? [process.execPath, CPUHP_BIN, 'run', '--exit-with-parent', ...args, ...qmp]
      : kind === 'qemu'
        ? ['qemu-system-x86_64', ...args, '-display', 'none', '-nodefaults', ...qmp]
        : [process.execPath, ...process.execArgv, FLOOR_SERVER, path];
  // taskset execs the server in place, so the child is the server itself.
  const [command, ...rest] = cpus !== undefined ? ['taskset', '-c', cpus, ...argv] : argv;
  const stdio: StdioOptions = onOutput ? ['ignore', 'pipe', 'inherit'] : 'ignore';
  let child: ChildProcess;
  if (kind !== 'cpuhp') {
    // No --exit-with-parent: spawnTracked has the kernel end it with us.
    child = spawnTracked(command!, rest, { stdio });
  } else {
    child = spawn(command!, rest, { stdio });
    trackChild(child);
  }
  if (onOutput) {
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', onOutput);
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    path,
    paths,
    running: () => child.exitCode === null && child.signalCode === null,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((r) => (timer = setTimeout(() => (child.kill('SIGKILL'), r()), EXIT_GRACE_MS)))]);
      clearTimeout(timer);
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
