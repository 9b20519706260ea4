// Compiles the `cpuhp` command to dist/ (run by `npm ci` through the `prepare`
// script, and by `npm test` first so the CLI the tests spawn is the sources'):
//
//   node --import tsx scripts/build.ts
//
// dist/cpuhp.cjs: src/cli/main.ts and everything it imports, one CommonJS bundle.
// Each command's module is still initialised only when that command runs (esbuild
// turns main.ts's import() of it into a call). Only src/ goes in: the tests,
// benchmarks and scripts are never imported by it.
// dist/cpuhp.cache: V8's code cache of the bundle, made after running `cpuhp
// tables` for q35 and virt in this process, so that the functions a short command
// runs come compiled. bin/load-compiled.js (which bin/cpuhp.js uses) says how
// the two are matched. Measured on the 2-core benchmark VM, `cpuhp tables` for a
// 4-CPU q35, whole-process CPU, medians of 20 interleaved runs: ES module chunks
// 0.110 s, this bundle with its cache 0.093 s, `node -e 0` 0.083 s; with bin/ in
// CommonJS too (no ES module loader), `npm run bench` puts it at 1.22x `node -e 0`.
// One bundle without the cache was no faster than the chunks: parsing it costs
// what the ES module loader's work per chunk did.
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE, CODE_CACHE, DIST, buildIdLine, codeCacheFile, loadCompiled } from '../bin/load-compiled.js';

/** What runs before the cache is made: the functions these run go into it. */
const WARM_UP = [
  ['tables', '-machine', 'q35', '-smp', '1,maxcpus=4'],
  ['tables', '-machine', 'virt', '-smp', '1,maxcpus=4'],
];

rmSync(DIST, { recursive: true, force: true });
const result = await build({
  absWorkingDir: join(DIST, '..'),
  entryPoints: ['src/cli/main.ts'],
  outfile: BUNDLE,
  write: false,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // Dependencies (ws) are required from node_modules as they are.
  packages: 'external',
  target: 'node20',
  // import.meta does not exist in CommonJS: the module's URL is the bundle's.
  define: { 'import.meta.url': '__cpuhpModuleUrl' },
  banner: { js: 'var __cpuhpModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  // Whitespace and syntax only: identifiers keep their names, so a stack trace
  // still names the function it came from.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
const text = result.outputFiles[0]!.text;
const id = createHash('sha256').update(text).digest('hex');
mkdirSync(DIST, { recursive: true });
writeFileSync(BUNDLE, `${text.endsWith('\n') ? text : `${text}\n`}${buildIdLine(id)}`);

const compiled = loadCompiled({ useCache: false });
if (compiled.id !== id) throw new Error(`build: dist/cpuhp.cjs reads back as build ${compiled.id}, not ${id}`);
const scratch = mkdtempSync(join(tmpdir(), 'cpuhp-build-'));
try {
  const quiet = { out: () => {}, err: (line: string) => console.error(line) };
  for (const argv of WARM_UP) {
    const status = await compiled.exports.main([...argv, '--out', scratch], quiet);
    if (status !== 0) throw new Error(`build: warming up with 'cpuhp ${argv.join(' ')}' failed (${status})`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const cache = codeCacheFile(compiled.script, id);
writeFileSync(CODE_CACHE, cache);
console.log(`cpuhp: built dist/cpuhp.cjs (${(text.length / 1024).toFixed(0)} KiB) and its code cache (${(cache.length / 1024).toFixed(0)} KiB)`);
