// The pieces of the README Quick start check (scripts/check-quick-start.ts): the
// lines as the README has them, a fresh clone without node_modules, and running a
// line the way a reader would paste it into a shell.

import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QmpTestClient } from '../qmp/qmp-client.ts';
import { RunProcess, type Exit } from './run-process.ts';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** The command lines of the first ```sh block under "## Quick start". */
export function quickStartLines(readme: string): string[] {
  const section = /^## Quick start\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no "## Quick start" section');
  const block = /^```sh\s*$([\s\S]*?)^```\s*$/m.exec(section)?.[1];
  if (block === undefined) throw new Error('the Quick start section has no ```sh code block');
  return block
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/**
 * Copies the repository as a fresh clone would have it, into `dest`: the files
 * git tracks, modified ones as they are in the working tree (deleted ones
 * skipped), nothing else (no node_modules, no build output). With
 * `untracked`, untracked files that are not ignored come too, to try the Quick
 * start before new files are committed.
 */
export function freshClone(dest: string, { untracked = false } = {}): number {
  const args = ['ls-files', '-z', '--cached', ...(untracked ? ['--others', '--exclude-standard'] : [])];
  const r = spawnSync('git', args, { cwd: REPO, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr || r.error?.message}`);
  let n = 0;
  for (const rel of new Set(r.stdout.split('\0').filter((p) => p !== ''))) {
    const from = join(REPO, rel);
    let st;
    try {
      st = lstatSync(from);
    } catch {
      continue; // deleted in the working tree
    }
    const to = join(dest, rel);
    mkdirSync(dirname(to), { recursive: true });
    if (st.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (st.isFile()) copyFileSync(from, to); // keeps the mode (bin/cpuhp.js stays executable)
    else continue;
    n++;
  }
  return n;
}

/** Untracked files git does not ignore: what a clone of the last commit would lack. */
export function untrackedFiles(): string[] {
  const r = spawnSync('git', ['ls-files', '-z', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 ? r.stdout.split('\0').filter((p) => p !== '') : [];
}

/** Runs `line` with sh in `cwd`, in its own process group so everything it starts can be ended. */
export function shell(line: string, cwd: string, env: NodeJS.ProcessEnv): RunProcess {
  return RunProcess.adopt(spawn('sh', ['-c', line], { cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] }), { group: true });
}

/** Ends the whole process group of a shell() (npm, npx and node under it). */
export function killGroup(p: RunProcess): void {
  const pid = p.child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/** `npm ci && npx cpuhp run`: waits for its QMP line, negotiates, quits; returns the exit and the QMP path. */
export async function runMainJob(p: RunProcess, startMs: number): Promise<{ exit: Exit; qmpPath: string }> {
  const m = await p.waitForLine(/QMP on unix:(\S+)$/, startMs);
  const qmpPath = m[1]!;
  const qmp = await QmpTestClient.negotiated(qmpPath, { label: 'README main job' });
  try {
    const r = await qmp.execute('quit');
    if (!('return' in r)) throw new Error(`quit failed: ${JSON.stringify(r)}`);
  } finally {
    qmp.close();
  }
  return { exit: await p.stop(undefined, 30_000), qmpPath };
}
