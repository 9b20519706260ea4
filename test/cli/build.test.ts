// The CLI a user runs is the compiled one: bin/cpuhp.js runs dist/, which
// `npm ci` (prepare) and `npm test` build from src/ with scripts/build.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MACHINE_TYPES } from '../../src/machine/machine-types.ts';

const BIN = fileURLToPath(new URL('../../bin/cpuhp.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

const distFiles = () => readdirSync(DIST).filter((f) => f.endsWith('.js'));

test('bin/cpuhp.js runs the compiled CLI: `cpuhp machines` lists every machine type', () => {
  const r = spawnSync(process.execPath, [BIN, 'machines'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    r.stdout.trimEnd().split('\n').map((l) => l.split(/\s+/)[0]),
    MACHINE_TYPES.map((m) => m.name),
  );
});

test('it loads no TypeScript: no tsx loader, no .ts module', () => {
  // A plain node (no loader hook) imports it, and no compiled file names a .ts module.
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(join(DIST, 'main.js'))})`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  for (const f of distFiles()) assert.doesNotMatch(readFileSync(join(DIST, f), 'utf8'), /from\s*["'][^"']+\.ts["']/, `${f} imports a .ts file`);
});

test('the bundle holds no test or development code', () => {
  for (const f of distFiles()) {
    const text = readFileSync(join(DIST, f), 'utf8');
    for (const dev of ['node:test', 'fast-check', 'tsx', 'esbuild', 'typescript']) {
      assert.doesNotMatch(text, new RegExp(`["']${dev}(/[^"']*)?["']`), `${f} imports ${dev}`);
    }
  }
});

test('main.js imports each command only when it runs', () => {
  const main = readFileSync(join(DIST, 'main.js'), 'utf8');
  const staticImports = [...main.matchAll(/import\s*(?:[^"'()]*from\s*)?["']\.\/([^"']+)["']/g)].map((m) => m[1]!);
  for (const cmd of ['run-command', 'tables-command', 'aml-command', 'scenario-command']) {
    assert.ok(!staticImports.some((f) => f.startsWith(cmd)), `main.js imports ${cmd} statically`);
    assert.match(main, new RegExp(`import\\(["']\\./${cmd}-[\\w]+\\.js["']\\)`), `main.js imports ${cmd} when it runs`);
  }
});
