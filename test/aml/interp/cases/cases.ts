// The ASL case suite: each <behaviour>.asl here starts with uACPI's header
//
//   // Name: <one sentence>
//   // Expect: int => 0x0F            (or str => text, buf => 01 02 ff,
//   //                                  error => loop-timeout)
//   // Expect: notify => \_SB.DEV0 0x80   (zero or more, in order)
//
// and defines \MAIN, whose result the Expect line states. A case where ACPICA
// 20200925 disagrees (we follow Windows there) says so and why in one line,
//
//   // Peer: differs: <why>
//
// and the differential suite then checks that acpiexec still disagrees. The compiled .aml is
// committed beside it (scripts/compile-aml-cases.ts), so running the suite needs
// no iasl; cases.test.ts recompiles when iasl is there and fails on drift.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatValue, normalizePath, type EvalResult, type NotifyEvent } from '../../../peers/aml-trace.ts';

export const CASES_DIR = fileURLToPath(new URL('.', import.meta.url));

export type Expectation =
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'str'; readonly value: string }
  | { readonly kind: 'buf'; readonly value: Uint8Array }
  | { readonly kind: 'error'; readonly code: string }
  | { readonly kind: 'notify'; readonly path: string; readonly value: number };

export interface AmlCase {
  /** File stem: the behaviour, e.g. `while-break-continue`. */
  readonly name: string;
  readonly title: string;
  readonly expect: readonly Expectation[];
  /** Why acpiexec 20200925 gives another result (the `// Peer: differs:` line), if it does. */
  readonly peerDiffers?: string;
  readonly aslPath: string;
  readonly amlPath: string;
}

/** Every case in the directory, sorted by name. Throws on a malformed header. */
export function listCases(dir: string = CASES_DIR): AmlCase[] {
  return readdirSync(dir).filter((f) => f.endsWith('.asl')).sort().map((f) => {
    const aslPath = join(dir, f);
    return { name: basename(f, '.asl'), ...parseCaseHeader(readFileSync(aslPath, 'utf8'), f), aslPath, amlPath: aslPath.replace(/\.asl$/, '.aml') };
  });
}

export function loadCaseAml(c: AmlCase): Uint8Array {
  return new Uint8Array(readFileSync(c.amlPath));
}

/** Reads the `// Name:` and `// Expect:` lines at the top of a case. */
export function parseCaseHeader(text: string, file: string): { title: string; expect: Expectation[]; peerDiffers?: string } {
  const title = /^\/\/ Name: (.+)$/m.exec(text)?.[1]?.trim();
  if (!title) throw new Error(`${file}: no "// Name:" line`);
  const expect = [...text.matchAll(/^\/\/ Expect: (\w+) => (.*)$/gm)].map((m) => parseExpectation(m[1] ?? '', (m[2] ?? '').trim(), file));
  if (expect.filter((e) => e.kind !== 'notify').length !== 1) throw new Error(`${file}: needs exactly one int/str/buf/error Expect line`);
  const peerDiffers = /^\/\/ Peer: differs: (.+)$/m.exec(text)?.[1]?.trim();
  return peerDiffers ? { title, expect, peerDiffers } : { title, expect };
}

function parseExpectation(kind: string, text: string, file: string): Expectation {
  switch (kind) {
    case 'int': return { kind, value: BigInt(text) };
    case 'str': return { kind, value: text };
    case 'buf': return { kind, value: Uint8Array.from(text === '' ? [] : text.split(/\s+/).map((h) => Number.parseInt(h, 16))) };
    case 'error': return { kind, code: text };
    case 'notify': {
      const m = /^(\S+)\s+(\S+)$/.exec(text);
      if (!m) throw new Error(`${file}: notify expectation is "<path> <value>"`);
      return { kind, path: normalizePath(m[1] ?? ''), value: Number(m[2]) };
    }
    default: throw new Error(`${file}: unknown expectation kind "${kind}"`);
  }
}

/**
 * What differs between a case's Expect lines and a run of \MAIN: its result,
 * the AmlError code when it failed (`errorCode`), and the notifies it made.
 * Empty when the run meets every expectation.
 */
export function checkExpectations(expect: readonly Expectation[], result: EvalResult, notifies: readonly NotifyEvent[], errorCode: string | undefined): string[] {
  const problems: string[] = [];
  for (const e of expect) {
    if (e.kind === 'notify') continue;
    const got = formatValue(result);
    if (e.kind === 'error') {
      if (result.kind !== 'error') problems.push(`expected error ${e.code}, got ${got}`);
      else if (errorCode !== undefined && errorCode !== e.code) problems.push(`expected error ${e.code}, got error ${errorCode}`);
      continue;
    }
    const want: EvalResult = e.kind === 'int' ? { kind: 'integer', value: e.value }
      : e.kind === 'str' ? { kind: 'string', value: e.value } : { kind: 'buffer', value: e.value };
    if (formatValue(want) !== got) problems.push(`expected ${formatValue(want)}, got ${got}`);
  }
  const wantNotifies = expect.flatMap((e) => (e.kind === 'notify' ? [`${e.path} ${e.value}`] : []));
  const gotNotifies = notifies.map((n) => `${n.path} ${n.value}`);
  if (wantNotifies.join('; ') !== gotNotifies.join('; ')) {
    problems.push(`expected notifies [${wantNotifies.join('; ')}], got [${gotNotifies.join('; ')}]`);
  }
  return problems;
}

// -- compiling ----------------------------------------------------------------------

const IASL_TIMEOUT_MS = 60_000;

/** Compiles one .asl with iasl into bytes (in a temp dir). Throws with iasl's output on failure. */
export function compileAsl(aslPath: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-iasl-case-'));
  try {
    const r = spawnSync('iasl', ['-p', join(dir, 'out'), aslPath], { encoding: 'utf8', timeout: IASL_TIMEOUT_MS });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (r.error) throw new Error(`iasl ${aslPath}: ${r.error.message}`);
    if (r.status !== 0 || !/Compilation successful/.test(output)) throw new Error(`iasl ${aslPath} failed:\n${output}`);
    return new Uint8Array(readFileSync(join(dir, 'out.aml')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Same AML apart from the fields that only name the compiler: checksum (9) and
 * creator id/revision (28..35), so a rebuilt iasl of the same AML is no drift.
 */
export function sameAml(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  const ignored = (i: number) => i === 9 || (i >= 28 && i < 36);
  return a.every((x, i) => ignored(i) || x === b[i]);
}
