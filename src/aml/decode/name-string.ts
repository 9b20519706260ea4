// Name strings: the decoder's parser for the AML encoding, the parser for the
// ASL-style paths the host passes ("\\_SB.CPUS.C001"), and the formatting both use.
import { NameChar } from '../opcodes.ts';
import { AmlError, decodeError } from './errors.ts';
import type { AmlReader } from './reader.ts';

/** A decoded NameString. Segments are always four characters ('_SB_'). */
export interface NameString {
  /** Starts with RootChar '\'. */
  readonly root: boolean;
  /** Number of ParentPrefixChar '^'. */
  readonly parents: number;
  /** Empty for NullName. */
  readonly segs: readonly string[];
}

const isLead = (c: number) => (c >= 0x41 && c <= 0x5a) || c === 0x5f; // A-Z _
const isNameChar = (c: number) => isLead(c) || (c >= 0x30 && c <= 0x39); // and 0-9

/** True if `b` can start a NameString (so it is not an opcode). */
export const isNameStart = (b: number): boolean =>
  isLead(b) || b === NameChar.ROOT_CHAR || b === NameChar.PARENT_PREFIX_CHAR ||
  b === NameChar.DUAL_NAME_PREFIX || b === NameChar.MULTI_NAME_PREFIX;

// ACPI 6.5 §20.2.2
//   NameSeg := <LeadNameChar NameChar NameChar NameChar>
function readSeg(r: AmlReader): string {
  r.need(4, 'NameSeg');
  const seg = segAt(r.bytes, r.pos);
  if (seg === undefined) throw decodeError(r.pos, 'invalid NameSeg');
  r.pos += 4;
  return seg;
}

/** The NameSeg at `p` (four bytes the caller knows are there), or undefined if they are not one. */
export function segAt(b: Uint8Array, p: number): string | undefined {
  const c0 = b[p]!, c1 = b[p + 1]!, c2 = b[p + 2]!, c3 = b[p + 3]!;
  return isLead(c0) && isNameChar(c1) && isNameChar(c2) && isNameChar(c3) ? String.fromCharCode(c0, c1, c2, c3) : undefined;
}

// ACPI 6.5 §20.2.2
//   NameString    := <RootChar NamePath> | <PrefixPath NamePath>
//   PrefixPath    := Nothing | <'^' PrefixPath>
//   NamePath      := NameSeg | DualNamePath | MultiNamePath | NullName
//   DualNamePath  := DualNamePrefix NameSeg NameSeg
//   MultiNamePath := MultiNamePrefix SegCount NameSeg(SegCount)
export function readNameString(r: AmlReader): NameString {
  let root = false;
  let parents = 0;
  let c = r.peek();
  if (c === NameChar.ROOT_CHAR) {
    root = true;
    r.pos++;
  } else {
    while (c === NameChar.PARENT_PREFIX_CHAR) {
      parents++;
      r.pos++;
      c = r.peek();
    }
  }
  c = r.peek();
  let segs: string[];
  if (c === NameChar.NULL_NAME) {
    r.pos++;
    segs = [];
  } else if (c === NameChar.DUAL_NAME_PREFIX) {
    r.pos++;
    segs = [readSeg(r), readSeg(r)];
  } else if (c === NameChar.MULTI_NAME_PREFIX) {
    const at = r.pos++;
    const count = r.u8('SegCount');
    if (count === 0) throw decodeError(at, 'MultiNamePath with SegCount 0');
    segs = [];
    for (let i = 0; i < count; i++) segs.push(readSeg(r));
  } else {
    segs = [readSeg(r)];
  }
  return { root, parents, segs };
}

/** ASL form with four-character segments: '\\_SB_.PCI0', '^^CPUS', '\\'. */
export function formatNameString(n: NameString): string {
  return (n.root ? '\\' : '^'.repeat(n.parents)) + n.segs.join('.');
}

/** A segment without its '_' padding ('_SB_' → '_SB'), as paths are shown to people. */
export function trimSeg(seg: string): string {
  let n = seg.length;
  while (n > 0 && seg.charCodeAt(n - 1) === 0x5f) n--;
  return n === 0 ? '_' : n === seg.length ? seg : seg.slice(0, n);
}

/** An absolute path for people: '\\_SB.CPUS.C001' (segments trimmed), '\\' for the root. */
export const displayPath = (segs: readonly string[]): string => '\\' + segs.map(trimSeg).join('.');

/**
 * Parses a host-supplied path ("\\_SB.CPUS.C001", "_SB_.PCI0", "^C001"): segments of 1-4
 * characters, padded with '_'. Throws AmlError('bad-argument') on anything else.
 */
export function parsePath(path: string): NameString {
  let i = 0;
  let root = false;
  let parents = 0;
  if (path.startsWith('\\')) {
    root = true;
    i = 1;
  } else {
    while (path[i] === '^') {
      parents++;
      i++;
    }
  }
  const rest = path.slice(i);
  if (rest === '') {
    if (!root && parents === 0) throw new AmlError('bad-argument', 'empty path');
    return { root, parents, segs: [] };
  }
  const segs = rest.split('.').map((s) => {
    const seg = s.padEnd(4, '_');
    const ok = s.length >= 1 && s.length <= 4 &&
      [...seg].every((ch, k) => (k === 0 ? isLead : isNameChar)(ch.charCodeAt(0)));
    if (!ok) throw new AmlError('bad-argument', `invalid path "${path}": bad segment "${s}"`);
    return seg;
  });
  return { root, parents, segs };
}

/**
 * The absolute segments of `name` seen from `scope`, with no search (ACPI 6.5 §5.3:
 * only single-segment relative names are searched for). Undefined if '^' climbs
 * above the root.
 */
export function absoluteSegs(scope: readonly string[], name: NameString): string[] | undefined {
  if (name.root) return name.segs.slice();
  const keep = scope.length - name.parents;
  if (keep < 0) return undefined;
  // One array filled in place (the loader resolves a scope for every Device and Method).
  const out = new Array<string>(keep + name.segs.length);
  for (let i = 0; i < keep; i++) out[i] = scope[i]!;
  for (let i = 0; i < name.segs.length; i++) out[keep + i] = name.segs[i]!;
  return out;
}

/** True if ACPI's upward search rule applies: one segment, no prefix. */
export const isSearchable = (name: NameString): boolean => !name.root && name.parents === 0 && name.segs.length === 1;
