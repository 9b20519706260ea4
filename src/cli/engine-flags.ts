// V8 settings for the commands that run AML at length (`run`, `scenario`, `aml`).
// Set when such a command starts, before its AML runs, not in bin/cpuhp.js:
// node:v8 brings heap_utils and node:stream with it, a few milliseconds that
// `cpuhp tables` and `--help` would pay for nothing. V8 reads this flag at each
// TurboFan compile, so setting it at run time takes effect for everything
// compiled after; the library's embedders keep their own engine settings.
import { setFlagsFromString } from 'node:v8';

/**
 * TurboFan inlines at most this many bytecodes into one compiled function (V8's
 * default: 920). The interpreter is made of many small closures that call one
 * another, and inlining them into each other multiplies the work of every
 * compile, which cold code pays in full: a hot-plug scan, a first hot-add, a
 * guest's boot, an `aml exec`. Measured with and without (npm run bench, the
 * 2-core benchmark VM): CSCN over 4096 pending CPUs in `aml exec` 0.16 -> 0.13 s
 * of CPU; the 4095-vCPU QMP burst's VM CPU 1.46 -> 1.2 s; a 4096-CPU guest's
 * boot 376 -> 291 ms, its longest QMP wait 32 -> 25 ms; idle memory and QMP
 * ping-pong unchanged. The price is in long-running AML loops: acpiexec's
 * self-test loop 0.134 -> 0.158 us per iteration.
 */
const INLINING_BUDGET_FLAG = '--max-inlined-bytecode-size-cumulative=300';

/** Sets the engine up for a command that runs AML; call it before the AML runs. */
export function tuneEngineForAml(): void {
  setFlagsFromString(INLINING_BUDGET_FLAG);
}
