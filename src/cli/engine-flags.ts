// V8 settings for the commands that run AML at length (`run`, `scenario`, `aml`).
// Set when such a command starts, before its AML runs, not in bin/cpuhp.js:
// node:v8 brings heap_utils and node:stream with it, a few milliseconds that
// `cpuhp tables` and `--help` would pay for nothing. V8 reads these flags at each
// TurboFan compile and each function's budget reset, so setting them at run time
// takes effect for everything after; the library's embedders keep their own
// engine settings.
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

/**
 * For a command that evaluates its AML once and exits (`aml exec`, `aml tree`):
 * V8 optimises a function with TurboFan once it has spent this much of its
 * interrupt budget (in bytecode, V8's default 67584) three times. A one-shot
 * evaluation runs for tenths of a second, and optimising everything that gets
 * warm in that time costs more than it saves: about half of a first CSCN scan's CPU
 * was TurboFan's, on its own threads. Measured on the 2-core benchmark VM,
 * `aml exec` CPU less its base run (paired, medians of 11): CSCN over 4096
 * pending CPUs 0.129 -> 0.108 s and 0.122 -> 0.108 s; `--init` of that table
 * 0.137 -> 0.105 s and 0.139 -> 0.073 s; the While loop of 900,000 iterations
 * unchanged (0.060 against 0.058 us per iteration). The VM (`run`, `scenario`)
 * keeps V8's default: with this budget its 4095-vCPU QMP burst took 6-8% longer
 * (1.10 -> 1.19 s and 1.19 -> 1.29 s) and a 4096-CPU boot gained nothing.
 */
const ONE_SHOT_TIERING_FLAG = '--interrupt-budget=400000';

/** Sets the engine up for a command that runs AML, a VM or one evaluation; call it before the AML runs. */
export function tuneEngineForAml(lifetime: 'vm' | 'one-shot'): void {
  setFlagsFromString(INLINING_BUDGET_FLAG);
  if (lifetime === 'one-shot') setFlagsFromString(ONE_SHOT_TIERING_FLAG);
}
