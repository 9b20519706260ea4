// Compiles the `cpuhp` command to dist/ (run by `npm ci` through the `prepare`
// script, and by `npm test` first so the CLI the tests spawn is the sources'):
//
//   node --import tsx scripts/build.ts
//
// One ES module bundle per command, split into shared chunks: src/cli/main.ts
// imports each command when it runs, so a short command loads only its own code
// (start-up was most of `cpuhp tables`' cost under tsx). Only src/ goes in: the
// tests, benchmarks and scripts are never imported by it. bin/cpuhp.js runs it.

import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = `${ROOT}dist`;

rmSync(OUT, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: ['src/cli/main.ts'],
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // Dependencies (ws) are loaded from node_modules as they are: CommonJS packages
  // cannot be bundled into an ES module that requires Node's built-ins.
  packages: 'external',
  target: 'node20',
  // Whitespace and syntax only: identifiers keep their names, so a stack trace
  // still names the function it came from.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
const files = Object.keys(result.metafile.outputs);
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`cpuhp: built ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB, into dist/`);
