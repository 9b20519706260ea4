// Ending with the parent process. `npx cpuhp run` runs the VM as a grandchild,
// npm -> sh -> node, and neither npm nor the shell pass a SIGTERM or SIGHUP on, so
// killing npx left the VM running as an orphan (issue 10). Node cannot ask the
// kernel for a parent-death signal (prctl PR_SET_PDEATHSIG), so the ancestors are
// polled instead: the parent, and under npm exec also the parent's parent (npm
// itself: killed with SIGKILL, it leaves its shell alive, still waiting on us).
// When one of them is no longer where it was, the VM shuts down as on SIGHUP.
// Ancestors beyond the parent are read from /proc (Linux); elsewhere only the
// parent is watched.

import { readFileSync } from 'node:fs';

/** How often the ancestors are looked at, in ms: a VM outlives its parent by about this. */
export const PARENT_POLL_MS = 250;

/** The parent of `pid`, from /proc/PID/stat ("pid (comm) state ppid ..."), or undefined. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isSafeInteger(ppid) && ppid > 0 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** This process's ancestors, nearest first, `depth` of them at most. */
function ancestors(depth: number): number[] {
  const out = [process.ppid];
  while (out.length < depth) {
    const up = parentOf(out.at(-1)!);
    if (up === undefined || up === 1) break;
    out.push(up);
  }
  return out;
}

/**
 * Calls `gone` once when an ancestor within `depth` generations (1: the parent)
 * goes away; returns the function that stops watching.
 */
export function watchParent(gone: (ancestor: number) => void, depth = 1): () => void {
  const chain = ancestors(depth);
  const timer = setInterval(() => {
    const now = ancestors(chain.length);
    const lost = chain.findIndex((pid, i) => now[i] !== pid);
    if (lost < 0) return;
    clearInterval(timer);
    gone(chain[lost]!);
  }, PARENT_POLL_MS);
  // The watch alone keeps nothing running.
  timer.unref();
  return () => clearInterval(timer);
}

/** Started by `npx` / `npm exec`, whose intermediate shell does not pass signals on. */
export function startedByNpmExec(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['npm_command'] === 'exec';
}
