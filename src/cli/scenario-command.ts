import { readFileSync, statSync } from 'node:fs';
import { formatEntry, formatSummary, parseScenario, runScenario, ScenarioError, SCENARIO_LIMITS, type PrintDetail } from '../scenario/index.ts';
import { parseOptions, type OptionSpec } from './options.ts';
import { UsageError } from './usage-error.ts';

export const SCENARIO_OPTIONS: readonly OptionSpec[] = [
  { names: ['--quiet', '-q'], key: 'quiet', takesValue: false, help: 'print only the summary' },
  { names: ['--trace'], key: 'trace', takesValue: false, help: 'also AML evaluations, QEMU-style cpuhp_* trace points, debug messages' },
  { names: ['--io'], key: 'io', takesValue: false, help: 'also every register access the guest makes' },
];

/**
 * `cpuhp scenario FILE.json [options]`: runs a scripted hot-plug scenario (see
 * src/scenario/schema.ts and examples/) and prints its timeline and a summary.
 * Returns 0 when every step passed. A bad file throws UsageError or
 * MachineConfigError (status 2); a failed step throws ScenarioError (status 1),
 * after the timeline up to it has been printed.
 */
export function scenarioCommand(argv: readonly string[], log: (line: string) => void): number {
  // The one positional argument is the file; everything else is an option.
  const files = argv.filter((a) => !a.startsWith('-'));
  if (files.length !== 1) {
    throw new UsageError(files.length === 0 ? 'missing-option' : 'bad-value', files.length === 0 ? 'scenario: a FILE.json is required' : `scenario: one FILE.json, got ${files.length}`);
  }
  const file = files[0]!;
  const opts = parseOptions(argv.filter((a) => a !== file), SCENARIO_OPTIONS);
  const scenario = parseScenario(readScenarioFile(file), file);
  const detail: PrintDetail = { quiet: opts['quiet'] === true, trace: opts['trace'] === true, io: opts['io'] === true };

  if (!detail.quiet) {
    const t = scenario.config.topology;
    log(`scenario ${file}: ${scenario.config.type.name} -smp ${t.cpus},maxcpus=${t.maxCpus}${scenario.description ? ` - ${scenario.description}` : ''}`);
  }
  let result;
  try {
    result = runScenario(scenario, (e) => {
      const line = formatEntry(e, detail);
      if (line !== undefined) log(line);
    });
  } catch (e) {
    // Name the file, as the validation errors do: "scenario FILE: steps[3] (expect): ...".
    if (e instanceof ScenarioError) throw new ScenarioError(`scenario ${file}: ${e.message}`, { cause: e });
    throw e;
  }
  for (const line of formatSummary(file, scenario, result)) log(line);
  return 0;
}

function readScenarioFile(file: string): string {
  try {
    const size = statSync(file).size;
    if (size > SCENARIO_LIMITS.fileBytes) throw new UsageError('bad-value', `scenario ${file}: ${size} bytes, at most ${SCENARIO_LIMITS.fileBytes}`);
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError('bad-value', `scenario ${file}: cannot read it (${code ?? (e as Error).message})`);
  }
}
