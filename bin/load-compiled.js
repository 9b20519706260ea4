// Loads the compiled command, dist/cpuhp.cjs, one CommonJS bundle that
// scripts/build.ts makes from src/, with the V8 code cache the build made beside
// it (dist/cpuhp.cache): the bundle's functions come out of the cache already
// compiled instead of being parsed and compiled again by every run, which was
// most of what a short command (`cpuhp tables`) cost above starting node at all.
// Node 20 has no compile cache of its own (module.enableCompileCache came in
// Node 22), so the bundle is compiled here with vm.Script, which takes one.
//
// The cache is used only when it was made for this very bundle: its first 64
// bytes are the build id that the bundle's last line carries (a SHA-256 of the
// bundle's text, written by the build), so a bundle and a cache from different
// builds never meet. The bundle is not hashed again here (about 1 ms, and
// node:crypto's load on top): dist/ is the build's output, and editing it by
// hand means running `npm run build` again. V8 itself refuses a cache made by
// another V8 or under other engine flags (`node --some-v8-flag`), and a cache
// whose bytes are damaged; either way the bundle is then compiled from its text,
// as any script is: slower to start, nothing else.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');

const DIST = join(__dirname, '..', 'dist');
const BUNDLE = join(DIST, 'cpuhp.cjs');
const CODE_CACHE = join(DIST, 'cpuhp.cache');
/** The bundle's last line: its build id. */
const BUILD_ID_LINE = /\n\/\/# cpuhp-build ([0-9a-f]{64})\n$/;
const ID_BYTES = 64;

/** The last line the build appends to the bundle, naming it by `id`. */
const buildIdLine = (id) => `//# cpuhp-build ${id}\n`;

/**
 * Compiles and runs the bundle (with the code cache unless `useCache` is false)
 * and returns its exports, the compiled script (to make a cache from), its
 * build id and whether V8 took the cache. A bundle it cannot read throws the
 * file system's error with `path` set to BUNDLE (ENOENT: dist/ is not built); a
 * damaged one, V8's SyntaxError.
 */
function loadCompiled({ useCache = true } = {}) {
  let source;
  try {
    source = readFileSync(BUNDLE, 'utf8');
  } catch (e) {
    // Node names the file for some errors (ENOENT) and not others (EISDIR): the caller tells them by it.
    if (e && typeof e === 'object') e.path ??= BUNDLE;
    throw e;
  }
  const id = BUILD_ID_LINE.exec(source.slice(-100))?.[1];
  const cachedData = useCache && id !== undefined ? cacheFor(id) : undefined;
  // The wrapper starts on the bundle's first line, so stack traces keep its line numbers.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, BUNDLE, DIST);
  return { exports: module.exports, script, id, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

/** The cache's V8 data if the cache was made for build `id`; otherwise undefined. */
function cacheFor(id) {
  let bytes;
  try {
    bytes = readFileSync(CODE_CACHE);
  } catch {
    return undefined;
  }
  return bytes.length > ID_BYTES && bytes.toString('latin1', 0, ID_BYTES) === id ? bytes.subarray(ID_BYTES) : undefined;
}

/** What the build writes to CODE_CACHE: the build id, then V8's cache of `script` as it is now. */
const codeCacheFile = (script, id) => Buffer.concat([Buffer.from(id, 'latin1'), script.createCachedData()]);

module.exports = { DIST, BUNDLE, CODE_CACHE, buildIdLine, loadCompiled, codeCacheFile };
