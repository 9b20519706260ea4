// Machine state files, read and written without ever blocking the event loop
// (issue 10: `migrate` to a FIFO froze the whole process, and `migrate-incoming
// file:/dev/zero` read 4 GB in 20 s before looking at the magic).
// - Every operation is asynchronous (node:fs/promises, libuv's thread pool).
// - Files are opened O_NONBLOCK, so opening a FIFO returns at once (ENXIO for a
//   writer without a reader), and only regular files are used: a FIFO, socket or
//   device is refused after fstat, before any read or write that could wait.
// - A state is read header first (20 bytes: magic, version, length, checksum;
//   src/machine/machine-state.ts), then exactly the announced length, which the
//   header check bounds by MAX_MACHINE_STATE_BYTES (16 MiB).
// Messages follow QEMU's ("Could not open 'PATH': No such file or directory").

import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { MACHINE_STATE_HEADER_BYTES, MachineStateError, readMachineStateHeader } from '../machine/index.ts';

/** An I/O failure, worded as QEMU words it. */
export class StateFileError extends Error {
  override readonly name = 'StateFileError';
}

/** strerror() texts, which QEMU's messages carry (libuv's are lower case and sometimes differ). */
const STRERROR: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EROFS: 'Read-only file system',
  ENOSPC: 'No space left on device',
  ENXIO: 'No such device or address',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
  EIO: 'Input/output error',
  EDQUOT: 'Disk quota exceeded',
  EFBIG: 'File too large',
};

/** A system error as strerror() words it ("No such file or directory"), for QEMU-style messages. */
export function systemErrorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return (err.code && STRERROR[err.code]) ?? err.message;
}

async function openRegular(path: string, flags: number, verb: 'open' | 'create'): Promise<FileHandle> {
  let file: FileHandle;
  try {
    file = await open(path, flags | constants.O_NONBLOCK, 0o600);
  } catch (e) {
    throw new StateFileError(`Could not ${verb} '${path}': ${systemErrorText(e)}`, { cause: e });
  }
  try {
    if (!(await file.stat()).isFile()) throw new StateFileError(`Could not ${verb} '${path}': not a regular file`);
    return file;
  } catch (e) {
    await file.close().catch(() => {});
    throw e instanceof StateFileError ? e : new StateFileError(`Could not ${verb} '${path}': ${systemErrorText(e)}`, { cause: e });
  }
}

/** Creates (or truncates) `path` for a state; QEMU's "Could not create" on failure. */
export function createStateFile(path: string): Promise<FileHandle> {
  return openRegular(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, 'create');
}

/** Opens `path` to read a state from it; QEMU's "Could not open" on failure. */
export function openStateFile(path: string): Promise<FileHandle> {
  return openRegular(path, constants.O_RDONLY, 'open');
}

/** Writes the whole state and closes the file. */
export async function writeStateFile(file: FileHandle, path: string, bytes: Uint8Array): Promise<void> {
  try {
    await file.writeFile(bytes);
    await file.sync();
  } catch (e) {
    throw new StateFileError(`Could not write '${path}': ${systemErrorText(e)}`, { cause: e });
  } finally {
    await file.close().catch(() => {});
  }
}

/** Reads exactly `n` bytes at `position`, or fewer at the end of the file. */
async function readAt(file: FileHandle, n: number, position: number): Promise<Uint8Array> {
  const buf = new Uint8Array(n);
  let got = 0;
  while (got < n) {
    const { bytesRead } = await file.read(buf, got, n - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

/**
 * Reads one state: its header first (a file that is not a state is refused after
 * 20 bytes), then the length it announces, and checks that nothing follows. The
 * payload is not decoded here. Closes the file. Throws MachineStateError or
 * StateFileError.
 */
export async function readStateFile(file: FileHandle, path: string): Promise<Uint8Array> {
  try {
    const header = await readAt(file, MACHINE_STATE_HEADER_BYTES, 0);
    const { payloadBytes } = readMachineStateHeader(header);
    // One byte more than announced: a longer file is refused, not silently cut.
    const payload = await readAt(file, payloadBytes + 1, MACHINE_STATE_HEADER_BYTES);
    if (payload.length < payloadBytes) {
      throw new MachineStateError('truncated', `machine state is cut short: ${payloadBytes} bytes announced, ${payload.length} present`);
    }
    if (payload.length > payloadBytes) throw new MachineStateError('trailing-data', 'machine state has trailing data');
    return Buffer.concat([header, payload]);
  } catch (e) {
    if (e instanceof MachineStateError) throw e;
    throw new StateFileError(`Could not read '${path}': ${systemErrorText(e)}`, { cause: e });
  } finally {
    await file.close().catch(() => {});
  }
}
