// `npm run bench:interp`: only the interpreter's part of `npm run bench`
// (bench/interp.ts), for measuring an interpreter change before and after
// without the minutes the whole bench takes.
import { report } from './measure.ts';
import { benchInterpreter } from './interp.ts';

report(benchInterpreter());
