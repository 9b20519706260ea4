// `npm run bench`: speed targets live here, never in timed tests. Comparisons with
// a peer (acpiexec, QEMU 7.2, node itself) run the peer in the same run, on the same
// machine, check that both sides did the same work (a run that did not, or hit a
// limit, ends the bench with an error), use CPU time (measure.ts and process-cpu.ts),
// and print medians of several runs with the ratio to the peer; wall time only where
// it is the point (QMP round trips, a real guest's boot, end-to-end hot-plug).
// The CLI benchmarks run the compiled command (bin/cpuhp.js runs dist/): build first.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { report } from './measure.ts';
import { benchTables } from './tables.ts';
import { benchEventSearch } from './event-search.ts';
import { benchInterpreter } from './interp.ts';
import { benchHotplug } from './hotplug.ts';
import { benchQmp } from './qmp.ts';
import { benchQmpHotplug } from './qmp-hotplug.ts';
import { benchBootQmp } from './boot-qmp.ts';
import { benchStartup } from './startup.ts';
import { benchMemory } from './memory.ts';
import { benchInterpVsAcpiexec, reportInterpVsAcpiexec } from './interp-vs-acpiexec.ts';
import { benchRealGuest } from './real-guest.ts';
import { reportSoak } from './soak.ts';
import { benchConsole } from './console.ts';

execFileSync('npm', ['run', '--silent', 'build'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
for (const line of benchStartup()) console.log(line);
report(benchTables());
report(benchEventSearch());
report(benchInterpreter());
report(benchHotplug());
report(await benchQmpHotplug());
report(await benchQmp());
report(await benchBootQmp());
report(benchConsole());
for (const line of await benchMemory()) console.log(line);
reportInterpVsAcpiexec(benchInterpVsAcpiexec());
await benchRealGuest();
await reportSoak();
