// `npm run bench`: speed targets live here, never in timed tests. Comparisons with
// a peer (acpiexec, QEMU) run the peer in the same run, on the same machine.
import { report } from './measure.ts';
import { benchTables } from './tables.ts';
import { benchEventSearch } from './event-search.ts';
import { benchInterpreter } from './interp.ts';
import { benchHotplug } from './hotplug.ts';
import { benchQmp } from './qmp.ts';
import { benchInterpVsAcpiexec, reportInterpVsAcpiexec } from './interp-vs-acpiexec.ts';
import { benchRealGuest } from './real-guest.ts';
import { reportSoak } from './soak.ts';
import { benchConsole } from './console.ts';

report(benchTables());
report(benchEventSearch());
report(benchInterpreter());
report(benchHotplug());
report(await benchQmp());
report(benchConsole());
reportInterpVsAcpiexec(benchInterpVsAcpiexec());
await benchRealGuest();
await reportSoak();
