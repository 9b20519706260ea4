// `npm run bench`: speed targets live here, never in timed tests.
import { report } from './measure.ts';
import { benchTables } from './tables.ts';
import { benchEventSearch } from './event-search.ts';

report(benchTables());
report(benchEventSearch());
