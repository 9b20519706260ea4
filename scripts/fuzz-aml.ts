// The long fuzz run for the AML interpreter (src/aml/interp): mutated tables
// (bit flips, byte stores, truncations, corrupted PkgLengths and header lengths,
// deleted/duplicated ranges), each loaded, initialized and evaluated under the
// interpreter's limits. Every outcome is counted; the run FAILS on any exception
// that is not an AmlError, and on any run that exceeds the wall-clock bound.
//
//   node --import tsx scripts/fuzz-aml.ts [--runs 100000] [--seed 1234] [--bound-ms 2000] [--out DIR]
//
// Seeds: the corpus is our DSDTs (every machine type, -smp 1,maxcpus=4), QEMU
// 7.2's DSDTs (maxcpus=4), QEMU 10.0's q35 DSDT at maxcpus=12 (a CTFY run of 12 Ifs),
// every ASL case and the register helper. Input i is a
// pure function of (seed, i), so a failure is reproduced by rerunning with the
// same seed; failing inputs are also written to --out (default: a new temp dir).
//
// The runs happen in a worker thread that announces each run before starting
// it; the main thread terminates the worker when one run outlives the bound
// (a synchronous interpreter cannot be interrupted any other way), records it,
// and starts a new worker after it. CPUHP_INTERP_MODULE selects another module
// with the interpreter's API (see test/peers/interp-module.ts).

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { listCases, loadCaseAml } from '../test/aml/interp/cases/cases.ts';
import { ByteStore } from '../test/peers/region-store.ts';
import { loadInterpreter, type InterpAmlValue, type InterpModule } from '../test/peers/interp-module.ts';
import { loadRegisterHelper } from '../test/peers/register-helper.ts';
import { buildAcpiTables } from '../src/machine/acpi-build.ts';
import { findMachineType, MACHINE_TYPES } from '../src/machine/machine-types.ts';
import { createMachineConfig } from '../src/machine/possible-cpus.ts';
import { mulberry32 } from '../test/support/prng.ts';

interface Options { runs: number; seed: number; boundMs: number; out: string | undefined }
/** What the worker reports; `key` is the outcome counted in the summary. */
type Report =
  | { type: 'begin'; i: number }
  | { type: 'end'; i: number; key: string; ms: number; crash?: string }
  | { type: 'fatal'; message: string };

/** Limits the fuzzed interpreter runs under: small, so a hostile table stays cheap. */
const LIMITS = { loopIterations: 10_000, callDepth: 32, operations: 200_000, timeMs: 250 } as const;

/** Methods tried on every table (most tables have only some of them). */
const CALLS: ReadonlyArray<{ path: string; args: number[] }> = [
  { path: '\\MAIN', args: [] },
  { path: '\\_SB.CPUS.CSCN', args: [] },
  { path: '\\_SB.CPUS.CSTA', args: [1] },
  { path: '\\_SB.CPUS.CEJ0', args: [1] },
  { path: '\\_SB.CPUS.CTFY', args: [7, 1] },
  { path: '\\_SB.CPUS.COST', args: [1, 0x103, 0x80, 0] },
  { path: '\\_SB.CPUS.C001._STA', args: [] },
  { path: '\\_GPE._E02', args: [] },
  { path: '\\_SB.GED._EVT', args: [0x28] },
  { path: '\\IOWB', args: [0xcd8, 12, 4, 3] },
];

// -- corpus and mutations: pure functions of (seed, index) ---------------------------

export function corpus(): Uint8Array[] {
  const ours = MACHINE_TYPES.map((t) => buildAcpiTables(createMachineConfig(t, '1,maxcpus=4')).tables.get('DSDT')?.bytes)
    .filter((b): b is Uint8Array => b !== undefined);
  const qemu = ['pc-q35-7.2', 'pc-i440fx-7.2'].map((m) =>
    new Uint8Array(readFileSync(fileURLToPath(new URL(`../test/data/qemu-7.2/${m}/smp-1-4/DSDT.aml`, import.meta.url)))));
  // CTFY at 12 CPUs: a run of Ifs long enough for the loader to leave its bodies undecoded.
  const chain = buildAcpiTables(createMachineConfig(findMachineType('pc-q35-10.0')!, '1,maxcpus=12')).tables.get('DSDT')!.bytes;
  return [...ours, ...qemu, chain, ...listCases().map(loadCaseAml), loadRegisterHelper()];
}


/** Opcodes followed by a PkgLength (one byte, or after 0x5B for the extended ones). */
const PKG_OPS = new Set([0x10, 0x11, 0x12, 0x13, 0x14, 0xa0, 0xa1, 0xa2]);
const PKG_EXT_OPS = new Set([0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87]);
const INTERESTING = [0x00, 0x01, 0x0a, 0x0b, 0x0c, 0x0e, 0x10, 0x14, 0x5b, 0x5c, 0x5e, 0x70, 0x86, 0xa0, 0xa2, 0xff];
/**
 * Opcodes that can replace each other without changing how the bytes after them
 * decode: most random bytes never get past the decoder, these mutations do and
 * reach the interpreter (an If that becomes a While, an Add that becomes a XOr).
 */
const SWAPPABLE: ReadonlyArray<readonly number[]> = [
  [0x72, 0x73, 0x74, 0x77, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f, 0x85], // Operand Operand Target
  [0x90, 0x91, 0x93, 0x94, 0x95],                                           // Operand Operand
  [0x75, 0x76],                                                             // Increment, Decrement
  [0xa0, 0xa2],                                                             // If, While
  [0x00, 0x01, 0xff],                                                       // Zero, One, Ones
];
/** Integer prefixes and the size of the constant after them. */
const CONSTANT_PREFIX = new Map([[0x0a, 1], [0x0b, 2], [0x0c, 4], [0x0e, 8]]);

export function mutate(corpusTables: readonly Uint8Array[], seed: number, i: number): { bytes: Uint8Array; ops: string[] } {
  const r = mulberry32((seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0);
  const pick = (n: number) => Math.floor(r() * n);
  let b: Uint8Array = Uint8Array.from(corpusTables[pick(corpusTables.length)] ?? []);
  const ops: string[] = [];
  const body = () => 36 + pick(Math.max(1, b.length - 36)); // a position after the header
  let keepHeaderLength = false;
  // Half the runs keep the table decodable (opcode swaps, constants) so that they
  // reach evaluation; the other half mix in byte-level damage for the decoder.
  const decodable = r() < 0.5;
  for (let k = 1 + pick(3); k > 0; k--) {
    switch (decodable ? 8 + pick(3) : pick(11)) {
      case 8: case 9: { b = swapOpcode(b, r); ops.push('swap-opcode'); break; }
      case 10: { b = tweakConstant(b, r); ops.push('constant'); break; }
      case 0: { for (let n = 1 + pick(8); n > 0; n--) { const p = body(); b[p] = (b[p] ?? 0) ^ (1 << pick(8)); } ops.push('flip-bits'); break; }
      case 1: { const p = body(); b[p] = INTERESTING[pick(INTERESTING.length)] ?? 0; ops.push(`store@${p}`); break; }
      case 2: { const n = pick(b.length + 1); b = b.slice(0, n); ops.push(`truncate@${n}`); break; }
      case 3: { b = corruptPkgLength(b, r); ops.push('pkg-length'); break; }
      case 4: { if (b.length >= 8) new DataView(b.buffer).setUint32(4, Math.floor(r() * 2 ** 32), true); keepHeaderLength = true; ops.push('header-length'); break; }
      case 5: { const p = body(); const n = 1 + pick(16); b = Uint8Array.from([...b.slice(0, p), ...b.slice(p + n)]); ops.push(`delete@${p}+${n}`); break; }
      case 6: { const p = body(); const n = 1 + pick(32); b = Uint8Array.from([...b.slice(0, p), ...b.slice(p, p + n), ...b.slice(p)]); ops.push(`duplicate@${p}+${n}`); break; }
      default: { const p = body(); const q = body(); const t = b[p] ?? 0; b[p] = b[q] ?? 0; b[q] = t; ops.push('swap'); break; }
    }
  }
  // Mostly keep the header consistent, so the mutation reaches the decoder and the interpreter.
  if (b.length >= 36 && r() < 0.85) {
    if (!keepHeaderLength) new DataView(b.buffer).setUint32(4, b.length, true);
    b[9] = 0;
    b[9] = (0x100 - (b.reduce((s, x) => s + x, 0) & 0xff)) & 0xff;
  }
  return { bytes: b, ops };
}

/** Positions after the header whose byte satisfies `test` (heuristic: bytes in names count too). */
function sitesOf(b: Uint8Array, test: (x: number) => boolean): number[] {
  const sites: number[] = [];
  for (let p = 36; p < b.length; p++) if (test(b[p] ?? -1)) sites.push(p);
  return sites;
}

function swapOpcode(b: Uint8Array, r: () => number): Uint8Array {
  const sites = sitesOf(b, (x) => SWAPPABLE.some((g) => g.includes(x)));
  const at = sites[Math.floor(r() * sites.length)];
  if (at === undefined) return b;
  const group = SWAPPABLE.find((g) => g.includes(b[at] ?? -1)) ?? [];
  b[at] = group[Math.floor(r() * group.length)] ?? b[at] ?? 0;
  return b;
}

function tweakConstant(b: Uint8Array, r: () => number): Uint8Array {
  const sites = sitesOf(b, (x) => CONSTANT_PREFIX.has(x));
  const at = sites[Math.floor(r() * sites.length)];
  if (at === undefined) return b;
  const size = CONSTANT_PREFIX.get(b[at] ?? -1) ?? 1;
  // Edge values (0, all ones, the sign bit) or a random one.
  const edge = Math.floor(r() * 4);
  for (let k = 0; k < size && at + 1 + k < b.length; k++) {
    b[at + 1 + k] = edge === 0 ? 0 : edge === 1 ? 0xff : edge === 2 ? (k === size - 1 ? 0x80 : 0) : Math.floor(r() * 256);
  }
  return b;
}

function corruptPkgLength(b: Uint8Array, r: () => number): Uint8Array {
  const sites: number[] = [];
  for (let p = 36; p + 1 < b.length; p++) {
    if (PKG_OPS.has(b[p] ?? -1) || (b[p] === 0x5b && PKG_EXT_OPS.has(b[p + 1] ?? -1))) sites.push(b[p] === 0x5b ? p + 2 : p + 1);
  }
  const at = sites[Math.floor(r() * sites.length)];
  if (at === undefined || at >= b.length) return b;
  const lead = b[at] ?? 0;
  // Another byte count (bits 7-6), a nearby length, or any byte at all.
  const choices = [(lead & 0x3f) | (Math.floor(r() * 4) << 6), (lead + 1) & 0xff, (lead - 1) & 0xff, Math.floor(r() * 256)];
  b[at] = choices[Math.floor(r() * choices.length)] ?? lead;
  return b;
}

// -- one run (worker side) ------------------------------------------------------------

/** Loads, initializes and calls CALLS on one table; returns the outcome key. Throws on a non-AmlError. */
function runOne(mod: InterpModule, table: Uint8Array): string {
  const interp = new mod.Interpreter({ limits: { ...LIMITS } });
  const io = new ByteStore();
  const mem = new ByteStore();
  interp.installAddressSpaceHandler('SystemIO', { read: (a, w) => io.read(a, w), write: (a, w, v) => io.write(a, w, v) });
  interp.installAddressSpaceHandler('SystemMemory', { read: (a, w) => mem.read(a, w), write: (a, w, v) => mem.write(a, w, v) });
  interp.installNotifyHandler(() => {});
  interp.onDebug(() => {});
  const stage = (name: string, f: () => void): string | undefined => {
    try {
      f();
      return undefined;
    } catch (e) {
      if (e instanceof mod.AmlError) return `${name}:${e.code}`;
      throw Object.assign(new Error(`${name}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`), { cause: e });
    }
  };
  const load = stage('load', () => interp.loadTable(table)) ?? stage('init', () => interp.runInitializers());
  if (load) return load;
  let ok = 0;
  const failures: string[] = [];
  for (const c of CALLS) {
    const args: InterpAmlValue[] = c.args.map((v) => ({ kind: 'integer', value: BigInt(v) }));
    const f = stage('eval', () => void interp.evaluate(c.path, args));
    if (f === undefined) ok++;
    else if (f !== 'eval:undefined-reference') failures.push(f);
  }
  return failures.length > 0 ? failures.sort()[0] ?? 'eval' : ok > 0 ? 'evaluated' : 'loaded (no known method)';
}

async function workerMain(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const { seed, from, to } = workerData as { seed: number; from: number; to: number };
  let mod: InterpModule;
  try {
    mod = await loadInterpreter();
  } catch (e) {
    port.postMessage({ type: 'fatal', message: e instanceof Error ? e.message : String(e) } satisfies Report);
    return;
  }
  const tables = corpus();
  for (let i = from; i < to; i++) {
    const { bytes } = mutate(tables, seed, i);
    port.postMessage({ type: 'begin', i } satisfies Report);
    const t0 = performance.now();
    let key: string;
    let crash: string | undefined;
    try {
      key = runOne(mod, bytes);
    } catch (e) {
      key = 'CRASH';
      crash = e instanceof Error ? e.message : String(e);
    }
    port.postMessage({ type: 'end', i, key, ms: performance.now() - t0, ...(crash ? { crash } : {}) } satisfies Report);
  }
}

// -- the driver (main thread) ------------------------------------------------------------

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = { runs: 100_000, seed: Math.floor(Math.random() * 2 ** 31), boundMs: 2_000, out: undefined };
  for (let k = 0; k < argv.length; k++) {
    const [flag, value] = [argv[k], argv[k + 1]];
    const num = () => {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a non-negative number`);
      k++;
      return Math.floor(n);
    };
    if (flag === '--runs') opts.runs = num();
    else if (flag === '--seed') opts.seed = num() >>> 0;
    else if (flag === '--bound-ms') opts.boundMs = num();
    else if (flag === '--out' && value !== undefined) { opts.out = value; k++; }
    else throw new Error(`unknown option ${flag} (use --runs N, --seed S, --bound-ms MS, --out DIR)`);
  }
  return opts;
}

function startWorker(seed: number, from: number, to: number): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = import.meta.url;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: { seed, from, to } });
}

interface Failure { i: number; kind: 'crash' | 'slow' | 'hang'; detail: string }

/**
 * Runs [from, runs) in one worker until it finishes or a run hangs, and returns
 * where to resume. Whatever stops the worker, the decision is taken once, on exit.
 */
function runSegment(o: Options, from: number, counts: Map<string, number>, failures: Failure[], progress: (i: number) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(o.seed, from, o.runs);
    let current = from;
    let stop: { kind: 'done' } | { kind: 'hang' } | { kind: 'fatal'; error: Error } = { kind: 'done' };
    let watchdog: NodeJS.Timeout | undefined;
    const end = (why: typeof stop) => {
      stop = why;
      void worker.terminate();
    };
    worker.on('message', (m: Report) => {
      if (m.type === 'fatal') return end({ kind: 'fatal', error: new Error(m.message) });
      if (m.type === 'begin') {
        current = m.i;
        // Past the bound a run has failed; the margin only keeps a slow machine from calling it a hang.
        watchdog = setTimeout(() => end({ kind: 'hang' }), 2 * o.boundMs + 1_000);
        return;
      }
      clearTimeout(watchdog);
      counts.set(m.key, (counts.get(m.key) ?? 0) + 1);
      if (m.crash !== undefined) failures.push({ i: m.i, kind: 'crash', detail: m.crash });
      else if (m.ms > o.boundMs) failures.push({ i: m.i, kind: 'slow', detail: `${m.ms.toFixed(0)} ms, bound ${o.boundMs} ms` });
      progress(m.i);
    });
    worker.on('error', (error) => end({ kind: 'fatal', error }));
    worker.on('exit', () => {
      clearTimeout(watchdog);
      if (stop.kind === 'fatal') return reject(stop.error);
      if (stop.kind === 'done') return resolve(o.runs);
      failures.push({ i: current, kind: 'hang', detail: `no result within ${2 * o.boundMs + 1_000} ms (worker terminated)` });
      counts.set('HANG', (counts.get('HANG') ?? 0) + 1);
      resolve(current + 1);
    });
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const o = parseArgs(argv);
  console.log(`fuzz-aml: ${o.runs} runs, seed ${o.seed}, bound ${o.boundMs} ms, limits ${JSON.stringify(LIMITS)}`);
  const counts = new Map<string, number>();
  const failures: Failure[] = [];
  const started = Date.now();
  const step = Math.max(1, Math.floor(o.runs / 10));
  const progress = (i: number) => { if ((i + 1) % step === 0) console.log(`  ${i + 1}/${o.runs} (${((Date.now() - started) / 1000).toFixed(1)} s)`); };
  for (let next = 0; next < o.runs;) next = await runSegment(o, next, counts, failures, progress);

  console.log(`\noutcomes (${o.runs} runs, ${((Date.now() - started) / 1000).toFixed(1)} s):`);
  for (const [key, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(8)}  ${key}`);
  if (failures.length > 0) {
    const dir = o.out ?? mkdtempSync(join(tmpdir(), 'cpuhp-fuzz-'));
    mkdirSync(dir, { recursive: true });
    const tables = corpus();
    for (const f of failures.slice(0, 100)) {
      const { bytes, ops } = mutate(tables, o.seed, f.i);
      writeFileSync(join(dir, `run-${f.i}.aml`), bytes);
      console.log(`FAIL ${f.kind} run ${f.i} [${ops.join(', ')}]: ${f.detail}`);
    }
    console.log(`inputs written to ${dir} (rerun: --seed ${o.seed})`);
  }
  console.log(`SUMMARY: ${o.runs} runs, ${failures.length} failures (${['crash', 'slow', 'hang'].map((k) => `${failures.filter((f) => f.kind === k).length} ${k}`).join(', ')}), seed ${o.seed}`);
  return failures.length > 0 ? 1 : 0;
}

if (!isMainThread) {
  void workerMain();
} else if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolvePath(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
    console.error(`fuzz-aml: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  });
}
