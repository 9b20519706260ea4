// Every process the tests start is ended when the test process ends, however it
// ends (issue 10: the suite left `cpuhp run` and QEMU processes behind):
// - on exit, each tracked child still running gets SIGKILL (its whole process
//   group for those started in one, like a shell running npx);
// - on SIGINT, SIGTERM or SIGHUP the same, and then the signal takes its course;
// - `cpuhp run` children are also started with --exit-with-parent, so they end by
//   themselves even if the test process is killed with SIGKILL. QEMU has no such
//   option in 7.2 or 10.0, so peers are started by spawnTracked below, under
//   setpriv --pdeathsig, and the kernel ends them with the test process.

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

interface Tracked {
  readonly child: ChildProcess;
  /** Kill the child's process group (it was started detached), not just the child. */
  readonly group: boolean;
}

const live = new Set<Tracked>();
let installed = false;

function killAll(): void {
  for (const t of live) {
    const pid = t.child.pid;
    if (pid === undefined || t.child.exitCode !== null || t.child.signalCode !== null) continue;
    try {
      if (t.group) process.kill(-pid, 'SIGKILL');
      else t.child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
  live.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = () => {
      killAll();
      process.off(sig, handler);
      process.kill(process.pid, sig);
    };
    process.on(sig, handler);
  }
}

/** Ends `child` (and with `group`, its process group) when this process ends. */
export function trackChild(child: ChildProcess, { group = false }: { group?: boolean } = {}): void {
  install();
  const t: Tracked = { child, group };
  live.add(t);
  // 'exit', not 'close': a group whose leader is gone may still need killing, so
  // grouped children stay tracked until this process ends.
  if (!group) child.once('exit', () => live.delete(t));
}

/** Children still tracked (for the suite's own check that nothing is left behind). */
export function trackedChildren(): number {
  return [...live].filter((t) => t.child.exitCode === null && t.child.signalCode === null).length;
}

/**
 * spawn(), tracked, and where util-linux's setpriv is there, under
 * `setpriv --pdeathsig KILL`: the kernel then kills the child when this process
 * goes, even by SIGKILL, which no QEMU option offers.
 */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  // A path that cannot run is spawned as it is, so the caller sees spawn's own ENOENT/EACCES.
  const setpriv = command.includes('/') && !runnable(command) ? null : findSetpriv();
  const child = setpriv ? spawn(setpriv, ['--pdeathsig', 'KILL', '--', command, ...args], options) : spawn(command, args, options);
  trackChild(child);
  return child;
}

function runnable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

let setprivPath: string | null | undefined;
function findSetpriv(): string | null {
  if (setprivPath === undefined) {
    setprivPath = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p)) ?? null;
  }
  return setprivPath;
}
