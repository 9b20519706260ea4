// Builds the console page (src/console/page/) into one script, build/console/page.js,
// which `cpuhp run --console` and `cpuhp scenario --html` inline into their HTML.
// Run by `npm run build:console` (and so by `npm ci` through `prepare`); nothing
// is fetched when the page runs.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { PAGE_BUNDLE } from '../src/console/page-html.ts';

await build({
  entryPoints: [fileURLToPath(new URL('../src/console/page/main.ts', import.meta.url))],
  outfile: PAGE_BUNDLE,
  bundle: true,
  format: 'iife',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`build-console: wrote ${PAGE_BUNDLE}`);
