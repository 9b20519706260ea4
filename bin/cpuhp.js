#!/usr/bin/env node
// The cpuhp command: the compiled JavaScript in dist/, which `npm ci` builds
// (the `prepare` script runs scripts/build.ts; `npm run build` rebuilds it).
import { setFlagsFromString } from 'node:v8';

// TurboFan inlines at most this many bytecodes into one compiled function (V8's
// default: 920). The interpreter is made of many small closures that call one
// another, and inlining them into each other multiplies the work of every
// compile, which cold code pays in full: a hot-plug scan, a first hot-add, a
// guest's boot, an `aml exec`. Measured with and without (npm run bench, the
// 2-core benchmark VM): CSCN over 4096 pending CPUs in `aml exec` 0.16 -> 0.13 s
// of CPU; the 4095-vCPU QMP burst's VM CPU 1.46 -> 1.2 s; a 4096-CPU guest's
// boot 376 -> 291 ms, its longest QMP wait 32 -> 25 ms; start-up, idle memory
// and QMP ping-pong unchanged. The price is in long-running AML loops: acpiexec's
// self-test loop 0.134 -> 0.158 us per iteration. Set before any of cpuhp's code
// runs; the library's embedders keep their own engine settings.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');

let main;
try {
  ({ main } = await import('../dist/main.js'));
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist')) throw e;
  process.stderr.write("cpuhp: dist/ is not built: run 'npm ci' or 'npm run build' first\n");
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
