// `npm run bench`: speed targets live here, never in timed tests.
import { report } from './measure.ts';
import { benchTables } from './tables.ts';
import { benchEventSearch } from './event-search.ts';
import { benchInterpreter } from './interp.ts';

report(benchTables());
report(benchEventSearch());
report(benchInterpreter());
