import { closeSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readPageBundle, ScenarioReport } from '../console/index.ts';
import type { Session } from '../scenario/index.ts';
import { formatEntry, formatSummary, parseScenario, runScenario, ScenarioError, SCENARIO_LIMITS, type PrintDetail } from '../scenario/index.ts';
import { tuneEngineForAml } from './engine-flags.ts';
import { parseOptions, type OptionSpec } from './options.ts';
import { UsageError } from './usage-error.ts';

export const SCENARIO_OPTIONS: readonly OptionSpec[] = [
  { names: ['--quiet', '-q'], key: 'quiet', takesValue: false, help: 'print only the summary' },
  { names: ['--trace'], key: 'trace', takesValue: false, help: 'also AML evaluations, QEMU-style cpuhp_* trace points, debug messages' },
  { names: ['--io'], key: 'io', takesValue: false, help: 'also every register access the guest makes' },
  { names: ['--html'], key: 'html', takesValue: true, help: 'also write the timeline and final slot grid as one self-contained page (written on failure too)' },
];

/**
 * `cpuhp scenario FILE.json [options]`: runs a scripted hot-plug scenario (see
 * src/scenario/schema.ts and examples/) and prints its timeline and a summary.
 * Returns 0 when every step passed. A bad file throws UsageError or
 * MachineConfigError (status 2); a failed step throws ScenarioError (status 1),
 * after the timeline up to it has been printed.
 */
export function scenarioCommand(argv: readonly string[], log: (line: string) => void): number {
  tuneEngineForAml('vm');
  // The one positional argument is the file; everything else is an option.
  const files = argv.filter((a, i) => !a.startsWith('-') && !takesValue(argv[i - 1]));
  if (files.length !== 1) {
    throw new UsageError(files.length === 0 ? 'missing-option' : 'bad-value', files.length === 0 ? 'scenario: a FILE.json is required' : `scenario: one FILE.json, got ${files.length}`);
  }
  const file = files[0]!;
  const opts = parseOptions(argv.filter((a, i) => a !== file || takesValue(argv[i - 1])), SCENARIO_OPTIONS);
  const scenario = parseScenario(readScenarioFile(file), file);
  const detail: PrintDetail = { quiet: opts['quiet'] === true, trace: opts['trace'] === true, io: opts['io'] === true };

  const t = scenario.config.topology;
  const heading = `scenario ${file}: ${scenario.config.type.name} -smp ${t.cpus},maxcpus=${t.maxCpus}${scenario.description ? ` - ${scenario.description}` : ''}`;
  const html = typeof opts['html'] === 'string' ? opts['html'] : undefined;
  // Before the run, so a page that is not built or a file that cannot be written fails before anything happens.
  const bundle = html !== undefined ? readPageBundle() : '';
  const out = html !== undefined ? openOutput(html) : undefined;
  if (!detail.quiet) log(heading);
  const report = new ScenarioReport(`cpuhp ${heading}`);
  let session: Session | undefined;
  const writeReport = (status: string) => {
    if (out === undefined || !session) return;
    writeFileSync(out, report.html(bundle, session, status));
    closeSync(out);
  };
  let result;
  try {
    result = runScenario(
      scenario,
      (e) => {
        const line = formatEntry(e, detail);
        if (line !== undefined) log(line);
        if (html !== undefined) report.entry(e);
      },
      (s) => {
        session = s;
        if (html !== undefined) report.start(s);
      },
    );
  } catch (e) {
    if (e instanceof ScenarioError) writeReport(`failed: ${e.message}`);
    // Name the file, as the validation errors do: "scenario FILE: steps[3] (expect): ...".
    if (e instanceof ScenarioError) throw new ScenarioError(`scenario ${file}: ${e.message}`, { cause: e });
    throw e;
  }
  writeReport('passed');
  for (const line of formatSummary(file, scenario, result)) log(line);
  return 0;
}

/** The --html file, opened before the run so that a path that cannot be written fails first. */
function openOutput(file: string): number {
  try {
    return openSync(file, 'w');
  } catch (e) {
    throw new UsageError('bad-value', `--html ${file}: cannot write it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** True for an option written without '=' that takes the next argument as its value. */
function takesValue(arg: string | undefined): boolean {
  return arg !== undefined && SCENARIO_OPTIONS.some((o) => o.takesValue && o.names.includes(arg));
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
