#!/usr/bin/env node
// The cpuhp command: the compiled JavaScript in dist/, which `npm ci` builds
// (the `prepare` script runs scripts/build.ts; `npm run build` rebuilds it).
let main;
try {
  ({ main } = await import('../dist/main.js'));
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist')) throw e;
  process.stderr.write("cpuhp: dist/ is not built: run 'npm ci' or 'npm run build' first\n");
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
