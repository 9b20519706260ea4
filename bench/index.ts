// `npm run bench`: speed targets live here, never in timed tests.
import { report } from './measure.ts';
import { benchTables } from './tables.ts';

report(benchTables());
