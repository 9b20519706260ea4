// -pidfile FILE, as QEMU has it: the VM's process id and a newline, written at
// start-up, removed when the VM ends; a second VM given the same file while the
// first runs is refused. QEMU holds a lockf() lock on the file, which Node cannot
// take, so the file's pid is checked for a live process instead. Messages are
// QEMU 10.0's ("cannot create PID file: ..."). The file is opened O_NONBLOCK and
// used only if it is a regular file, so a FIFO there cannot block the start.

import { closeSync, constants, fstatSync, ftruncateSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { systemErrorText } from '../vm/index.ts';
import { UsageError } from './usage-error.ts';

/** Whether `pid` names a live process other than this one. */
function alive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function failure(message: string): UsageError {
  return new UsageError('bad-value', `cannot create PID file: ${message}`);
}

/** Writes the pid file; returns the function that removes it (safe to call twice). */
export function createPidfile(path: string): () => void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_NONBLOCK, 0o644);
  } catch (e) {
    throw failure(`Could not create '${path}': ${systemErrorText(e)}`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw failure(`Could not create '${path}': not a regular file`);
    const held = Number.parseInt(readFileSync(fd, { encoding: 'latin1' }).slice(0, 32), 10);
    if (alive(held)) throw failure('Cannot lock pid file: Resource temporarily unavailable');
    ftruncateSync(fd, 0);
    writeSync(fd, `${process.pid}\n`, 0);
  } finally {
    closeSync(fd);
  }
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    try {
      // Only our own file: another VM may have taken the path since.
      if (Number.parseInt(readFileSync(path, 'latin1'), 10) === process.pid) unlinkSync(path);
    } catch {
      /* already gone */
    }
  };
}
