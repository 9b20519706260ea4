// Shared helpers for the interpreter tests: ASL compiled by iasl with the result
// committed under fixtures/ (keyed by a hash of the source, so the suite runs
// without iasl and a changed source is recompiled where iasl exists), an
// interpreter with a plain byte-memory region handler, and error assertions.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AmlError, type AmlErrorCode, type AccessWidth, type AmlValue, Interpreter, type InterpreterOptions,
  type RegionAccessEvent,
} from '../../../src/aml/interp/index.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/**
 * The AML iasl makes of `asl` (a whole DefinitionBlock). Cached in fixtures/<hash>.aml;
 * a missing fixture needs iasl (acpica-tools) once, and is then committed.
 */
export function aml(asl: string, options: { force?: boolean } = {}): Uint8Array {
  // -f: keep the AML of code iasl rejects (tests of run-time errors it would catch).
  const flags = options.force ? ['-f'] : [];
  const hash = createHash('sha256').update(flags.join(' ') + asl).digest('hex').slice(0, 16);
  const file = join(FIXTURES, `${hash}.aml`);
  if (existsSync(file)) return new Uint8Array(readFileSync(file));
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-asl-'));
  try {
    writeFileSync(join(dir, 't.asl'), asl);
    try {
      execFileSync('iasl', [...flags, '-p', join(dir, 'out'), join(dir, 't.asl')], { stdio: 'pipe' });
    } catch (e) {
      const r = e as { stdout?: Buffer; stderr?: Buffer };
      const out = `${r.stdout?.toString() ?? ''}${r.stderr?.toString() ?? ''}` || String(e);
      throw new Error(`iasl failed on fixture ${hash}:\n${out}`);
    }
    const bytes = readFileSync(join(dir, 'out.aml'));
    writeFileSync(file, bytes);
    writeFileSync(join(FIXTURES, `${hash}.asl`), asl);
    return new Uint8Array(bytes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A DSDT (revision 2 unless given) around `body`. */
export const dsdt = (body: string, revision = 2): string =>
  `DefinitionBlock ("", "DSDT", ${revision}, "CPUHP", "TEST", 1)\n{\n${body}\n}\n`;

/** Plain little-endian byte memory, like acpiexec's simulated regions. */
export class ByteMemory {
  readonly bytes = new Map<bigint, number>();
  read(address: bigint, bitWidth: AccessWidth): bigint {
    let v = 0n;
    for (let i = bitWidth / 8 - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.bytes.get(address + BigInt(i)) ?? 0);
    return v;
  }
  write(address: bigint, bitWidth: AccessWidth, value: bigint): void {
    for (let i = 0; i < bitWidth / 8; i++) this.bytes.set(address + BigInt(i), Number((value >> BigInt(8 * i)) & 0xffn));
  }
}

export interface TestMachine {
  readonly interp: Interpreter;
  readonly memory: ByteMemory;
  readonly io: ByteMemory;
  readonly accesses: RegionAccessEvent[];
  readonly notifies: string[];
  readonly debug: AmlValue[];
}

/** An interpreter with `tables` loaded, byte memory behind SystemMemory and SystemIO, and every event recorded. */
export function machine(tables: Uint8Array | readonly Uint8Array[], options?: InterpreterOptions): TestMachine {
  const interp = new Interpreter(options);
  for (const t of tables instanceof Uint8Array ? [tables] : tables) interp.loadTable(t);
  const memory = new ByteMemory();
  const io = new ByteMemory();
  interp.installAddressSpaceHandler('SystemMemory', memory);
  interp.installAddressSpaceHandler('SystemIO', io);
  const accesses: RegionAccessEvent[] = [];
  const notifies: string[] = [];
  const debug: AmlValue[] = [];
  interp.onTrace((e) => accesses.push(e));
  interp.installNotifyHandler((path, value) => notifies.push(`${path} ${value}`));
  interp.onDebug((v) => debug.push(v));
  return { interp, memory, io, accesses, notifies, debug };
}

/** Loads `body` as a DSDT and evaluates `path` (default \MAIN). */
export function run(body: string, path = '\\MAIN', args: readonly AmlValue[] = [], revision = 2): AmlValue | undefined {
  return machine(aml(dsdt(body, revision))).interp.evaluate(path, args);
}

/** As run(), for code iasl refuses to compile without -f. */
export function runForced(body: string, path = '\\MAIN', args: readonly AmlValue[] = []): AmlValue | undefined {
  return machine(aml(dsdt(body), { force: true })).interp.evaluate(path, args);
}

/** The Integer `v` is, as a bigint. */
export function intOf(v: AmlValue | undefined): bigint {
  assert.equal(v?.kind, 'integer', `expected an Integer, got ${JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x))}`);
  return (v as { value: bigint }).value;
}

/** `fn` throws an AmlError with `code`; returns it for further checks. */
export function assertAmlError(fn: () => unknown, code: AmlErrorCode): AmlError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof AmlError, `expected AmlError(${code}), got ${caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

/** Accesses as compact strings: 'W SystemIO 0xcdc 8 0x2'. */
export const accessLines = (events: readonly RegionAccessEvent[]): string[] =>
  events.map((e) => `${e.direction === 'read' ? 'R' : 'W'} ${e.space} 0x${e.address.toString(16)} ${e.bitWidth} 0x${e.value.toString(16)}`);
