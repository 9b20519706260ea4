#!/usr/bin/env node
// The cpuhp command: the compiled JavaScript in dist/, which `npm ci` builds
// (the `prepare` script runs scripts/build.ts; `npm run build` rebuilds it),
// loaded with its code cache by load-compiled.js. CommonJS (bin/package.json),
// like the bundle: an ES module entry point starts Node's ES module loader,
// which cost `cpuhp tables` about 7 ms of its 80 (whole-process CPU, medians of
// 20 runs). The file keeps its name, which npx's cache of the package links to.
'use strict';
const { BUNDLE, loadCompiled } = require('./load-compiled.js');

let compiled;
try {
  compiled = loadCompiled();
} catch (e) {
  // A bundle that is missing, unreadable or cut short is the build's to mend;
  // anything else thrown while it starts is a bug, and keeps its stack.
  const unreadable = e?.path === BUNDLE && typeof e.code === 'string';
  if (!unreadable && !(e instanceof SyntaxError)) throw e;
  process.stderr.write(
    e.code === 'ENOENT'
      ? "cpuhp: dist/ is not built: run 'npm ci' or 'npm run build' first\n"
      : `cpuhp: ${BUNDLE} cannot be loaded (${e.message}): run 'npm run build' again\n`,
  );
  process.exit(1);
}
compiled.exports.main(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
