import { NameChar } from '../opcodes.ts';
import { AmlEncodeError } from './errors.ts';

const isLeadChar = (c: number) => (c >= 0x41 && c <= 0x5a) || c === 0x5f; // A-Z _
const isNameChar = (c: number) => isLeadChar(c) || (c >= 0x30 && c <= 0x39); // and 0-9

/**
 * Encoded paths, memoized: tables repeat the same few names thousands of times
 * (CSTA, _STA, \_SB.PCI0.PRES.CSEL ...). Bounded so no input can grow it without limit.
 * Callers must treat the returned bytes as read-only.
 */
const cache = new Map<string, Uint8Array>();
const CACHE_MAX = 16384;

/** Most segments a MultiNamePath can hold (SegCount is one byte). */
export const MAX_SEGMENTS = 255;

// ACPI 6.5 §20.2.2
//   NameString := <RootChar NamePath> | <PrefixPath NamePath>
//   PrefixPath := Nothing | <'^' PrefixPath>
//   NamePath   := NameSeg | DualNamePath | MultiNamePath | NullName
//   NameSeg    := <LeadNameChar NameChar NameChar NameChar>
// Segments shorter than four characters are padded with '_' as iasl and QEMU do.
// The only parser of ASL-style paths ("\_SB.PCI0", "^^CPUS", "\").
export function nameString(path: string): Uint8Array {
  const hit = cache.get(path);
  if (hit) return hit;
  const bytes = encodeNameString(path);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(path, bytes);
  return bytes;
}

function encodeNameString(path: string): Uint8Array {
  let i = 0;
  const prefix: number[] = [];
  if (path.startsWith('\\')) {
    prefix.push(NameChar.ROOT_CHAR);
    i = 1;
  } else {
    while (path[i] === '^') {
      prefix.push(NameChar.PARENT_PREFIX_CHAR);
      i++;
    }
  }
  const rest = path.slice(i);
  if (rest === '') {
    if (prefix.length === 0) throw new AmlEncodeError('bad-name', 'empty name string');
    return Uint8Array.from([...prefix, NameChar.NULL_NAME]);
  }
  const segs = rest.split('.').map((s) => nameSeg(s, path));
  if (segs.length > MAX_SEGMENTS) {
    throw new AmlEncodeError('bad-name', `name "${path}" has more than ${MAX_SEGMENTS} segments`);
  }
  const head =
    segs.length === 1 ? [] : segs.length === 2 ? [NameChar.DUAL_NAME_PREFIX] : [NameChar.MULTI_NAME_PREFIX, segs.length];
  return Uint8Array.from([...prefix, ...head, ...segs.flat()]);
}

/** A single NameSeg, padded to four bytes. */
export function nameSeg(seg: string, context = seg): number[] {
  if (seg.length < 1 || seg.length > 4) {
    throw new AmlEncodeError('bad-name', `name segment "${seg}" in "${context}" must be 1 to 4 characters`);
  }
  const chars = seg.padEnd(4, '_');
  const out = [0, 0, 0, 0];
  for (let k = 0; k < 4; k++) {
    const c = chars.charCodeAt(k);
    if (!(k === 0 ? isLeadChar(c) : isNameChar(c))) {
      throw new AmlEncodeError(
        'bad-name',
        `name segment "${seg}" in "${context}" has an invalid character '${chars[k]}' (A-Z, _ and, after the first, 0-9)`,
      );
    }
    out[k] = c;
  }
  return out;
}
