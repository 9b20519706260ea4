import { report } from './measure.ts';
import { benchInterpreter } from './interp.ts';
report(benchInterpreter());
