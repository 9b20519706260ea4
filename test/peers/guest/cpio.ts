// The "newc" cpio format (the one the Linux kernel unpacks from an initrd), written
// from memory: a 110-byte ASCII header per entry (magic 070701 and thirteen 8-digit
// hex fields), the NUL-terminated name, then the data, each padded to 4 bytes, and a
// TRAILER!!! entry at the end. Only what an initramfs needs: directories, regular
// files, character devices. Numbers are ours; mtimes are 0 so archives are reproducible.

export interface CpioEntry {
  readonly name: string;
  readonly kind: 'dir' | 'file' | 'chardev';
  /** Permission bits (0o755...). */
  readonly perm: number;
  readonly data?: Uint8Array;
  /** Device number of a character device. */
  readonly major?: number;
  readonly minor?: number;
}

const TYPE_BITS = { dir: 0o040000, file: 0o100000, chardev: 0o020000 } as const;
const TRAILER = 'TRAILER!!!';

function pad4(parts: Uint8Array[], length: number): number {
  const extra = (4 - (length % 4)) % 4;
  if (extra) parts.push(new Uint8Array(extra));
  return length + extra;
}

/** The archive bytes; `blockAlign` pads the whole archive (the kernel accepts any length). */
export function writeCpio(entries: readonly CpioEntry[], blockAlign = 4): Uint8Array {
  const parts: Uint8Array[] = [];
  const enc = new TextEncoder();
  let length = 0;
  const all: CpioEntry[] = [...entries, { name: TRAILER, kind: 'file', perm: 0 }];
  all.forEach((e, i) => {
    if (e.name === '' || e.name.startsWith('/') || e.name.includes('\0')) throw new RangeError(`cpio: bad entry name '${e.name}'`);
    const data = e.kind === 'file' ? (e.data ?? new Uint8Array(0)) : new Uint8Array(0);
    const name = enc.encode(`${e.name}\0`);
    const trailer = e.name === TRAILER;
    const fields = [
      trailer ? 0 : i + 1, // inode
      trailer ? 0 : TYPE_BITS[e.kind] | (e.perm & 0o7777), // mode
      0, 0, // uid, gid
      e.kind === 'dir' ? 2 : 1, // nlink
      0, // mtime
      data.length,
      0, 0, // device of the archive's files
      e.major ?? 0, e.minor ?? 0, // rdev
      name.length,
      0, // checksum (unused in newc)
    ];
    const header = enc.encode(`070701${fields.map((f) => (f >>> 0).toString(16).toUpperCase().padStart(8, '0')).join('')}`);
    parts.push(header, name);
    length = pad4(parts, length + header.length + name.length);
    parts.push(data);
    length = pad4(parts, length + data.length);
  });
  const extra = (blockAlign - (length % blockAlign)) % blockAlign;
  if (extra) parts.push(new Uint8Array(extra));
  const out = new Uint8Array(length + extra);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
