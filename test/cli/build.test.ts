// The CLI a user runs is the compiled one: bin/cpuhp.js runs dist/cpuhp.cjs,
// which `npm ci` (prepare) and `npm test` build from src/ with scripts/build.ts,
// with the V8 code cache the build makes beside it (bin/load-compiled.js).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MACHINE_TYPES } from '../../src/machine/machine-types.ts';
import { literal } from '../support/regexp.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'cpuhp.js');
const LOADER = join(ROOT, 'bin', 'load-compiled.js');
const BUNDLE = join(ROOT, 'dist', 'cpuhp.cjs');
const CACHE = join(ROOT, 'dist', 'cpuhp.cache');
const TABLES = ['tables', '-machine', 'q35', '-smp', '1,maxcpus=4'];

const scratch = mkdtempSync(join(tmpdir(), 'cpuhp-build-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Runs `cpuhp tables` in a plain node (no loader hook) through `loader`, and
 * reports its status, whether V8 took the code cache, the built-in modules it
 * loaded beyond what node itself had, and the files it required.
 */
function tablesThrough(loader: string, out: string) {
  const script = `
    const before = new Set(process.moduleLoadList);
    const c = require(${JSON.stringify(loader)}).loadCompiled();
    c.exports.main(${JSON.stringify([...TABLES, '--out', out])}, { out() {}, err(l) { console.error(l); } }).then((status) => {
      const loaded = process.moduleLoadList.filter((m) => !before.has(m));
      process.stdout.write(JSON.stringify({ status, cacheUsed: c.cacheUsed, loaded, required: Object.keys(require.cache) }));
    });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { status: number; cacheUsed: boolean; loaded: string[]; required: string[] };
}

/** A copy of bin/ and dist/ in a scratch folder, to spoil without touching the real ones. */
function copyOfBuild(name: string) {
  const root = join(scratch, name);
  mkdirSync(join(root, 'bin'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  for (const f of ['cpuhp.js', 'load-compiled.js', 'package.json']) copyFileSync(join(ROOT, 'bin', f), join(root, 'bin', f));
  copyFileSync(BUNDLE, join(root, 'dist', 'cpuhp.cjs'));
  copyFileSync(CACHE, join(root, 'dist', 'cpuhp.cache'));
  return { loader: join(root, 'bin', 'load-compiled.js'), bin: join(root, 'bin', 'cpuhp.js'), cache: join(root, 'dist', 'cpuhp.cache'), bundle: join(root, 'dist', 'cpuhp.cjs') };
}

const tablesOf = (dir: string) => ['DSDT', 'APIC', 'FACP', 'FACS', 'XSDT'].map((t) => readFileSync(join(dir, `${t}.aml`)));

test('bin/cpuhp.js runs the compiled CLI: `cpuhp machines` lists every machine type', () => {
  const r = spawnSync(process.execPath, [BIN, 'machines'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    r.stdout.trimEnd().split('\n').map((l) => l.split(/\s+/)[0]),
    MACHINE_TYPES.map((m) => m.name),
  );
});

test('the bundle names no TypeScript module and holds no test or development code', () => {
  const text = readFileSync(BUNDLE, 'utf8');
  assert.doesNotMatch(text, /require\(["'][^"']+\.ts["']\)/, 'the bundle requires a .ts file');
  for (const dev of ['node:test', 'fast-check', 'tsx', 'esbuild', 'typescript']) {
    assert.doesNotMatch(text, new RegExp(`["']${dev}(/[^"']*)?["']`), `the bundle requires ${dev}`);
  }
});

test('a plain node takes the code cache, and `cpuhp tables` loads only what it needs', () => {
  const r = tablesThrough(LOADER, join(scratch, 'plain'));
  assert.equal(r.status, 0);
  assert.equal(r.cacheUsed, true, 'V8 refused the code cache the build made');
  // The other commands' modules are initialised only when they run: the QMP
  // server's ws and node:net, the engine flags' node:v8, --asl's child_process.
  for (const heavy of ['v8', 'child_process', 'net', 'http', 'crypto', 'stream', 'readline', 'worker_threads']) {
    assert.ok(!r.loaded.includes(`NativeModule ${heavy}`), `cpuhp tables loaded node:${heavy}`);
  }
  assert.deepEqual(r.required, [LOADER], 'cpuhp tables required a package');
});

test('a cache from another build, a damaged cache or none is ignored, and the command runs the same', () => {
  assert.equal(tablesThrough(LOADER, join(scratch, 'reference')).status, 0);
  const reference = tablesOf(join(scratch, 'reference'));
  const spoilers: Record<string, (c: ReturnType<typeof copyOfBuild>) => void> = {
    'another build': (c) => {
      const bytes = readFileSync(c.cache);
      bytes.write('0'.repeat(64), 0, 'latin1');
      writeFileSync(c.cache, bytes);
    },
    'damaged V8 data': (c) => {
      const bytes = readFileSync(c.cache);
      for (let i = 64; i < bytes.length; i += 97) bytes[i] = bytes[i]! ^ 0x5a;
      writeFileSync(c.cache, bytes);
    },
    'cut short': (c) => writeFileSync(c.cache, readFileSync(c.cache).subarray(0, 64)),
    'missing': (c) => rmSync(c.cache),
  };
  for (const [name, spoil] of Object.entries(spoilers)) {
    const folder = name.replace(/ /g, '-');
    const copy = copyOfBuild(folder);
    spoil(copy);
    const out = join(scratch, `${folder}-out`);
    const r = tablesThrough(copy.loader, out);
    assert.equal(r.status, 0, name);
    assert.equal(r.cacheUsed, false, `${name}: the cache was used`);
    assert.deepEqual(tablesOf(out), reference, `${name}: other tables`);
  }
});

test('without dist/, bin/cpuhp.js says to build it', () => {
  const copy = copyOfBuild('unbuilt');
  rmSync(copy.bundle);
  const r = spawnSync(process.execPath, [copy.bin, 'machines'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "cpuhp: dist/ is not built: run 'npm ci' or 'npm run build' first\n");
});

test('a damaged or unreadable bundle is refused in one line that says to rebuild, and nothing runs', () => {
  const cut = copyOfBuild('cut-bundle');
  writeFileSync(cut.bundle, readFileSync(cut.bundle).subarray(0, 5000));
  const unreadable = copyOfBuild('unreadable-bundle');
  rmSync(unreadable.bundle);
  mkdirSync(unreadable.bundle);
  for (const [copy, why] of [[cut, /SyntaxError|Unexpected|Invalid|missing/], [unreadable, /EISDIR/]] as const) {
    const r = spawnSync(process.execPath, [copy.bin, 'machines'], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^cpuhp: ${literal(copy.bundle)} cannot be loaded \\(.+\\): run 'npm run build' again\n$`));
    assert.match(r.stderr, why);
  }
});
