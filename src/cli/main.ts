import { AcpiTableError } from '../acpi/index.ts';
import { AmlEncodeError } from '../aml/encode/index.ts';
import { MachineConfigError } from '../topology/index.ts';
import { MACHINE_TYPES } from '../machine/index.ts';
import { formatHelp } from './options.ts';
import { tablesCommand, TABLES_OPTIONS } from './tables-command.ts';
import { runCommand, RUN_OPTIONS } from './run-command.ts';
import { amlCommand } from './aml-command.ts';
import { scenarioCommand, SCENARIO_OPTIONS } from './scenario-command.ts';
import { UsageError } from './usage-error.ts';
import { ScenarioFileError } from '../scenario/index.ts';

/** One command's help: its synopsis, what it does, and its options. */
interface CommandHelp {
  readonly synopsis: readonly string[];
  readonly summary: string;
  readonly options?: string;
}

// Every command, in the order `cpuhp help` lists them; `cpuhp COMMAND --help` prints one.
const COMMANDS: Readonly<Record<string, CommandHelp>> = {
  run: { synopsis: ['cpuhp run [options]'], summary: 'start a VM managed over QMP (and qtest)', options: formatHelp(RUN_OPTIONS) },
  tables: { synopsis: ['cpuhp tables [options]'], summary: "write a machine's ACPI tables as DIR/SIG.aml", options: formatHelp(TABLES_OPTIONS) },
  aml: {
    synopsis: [
      'cpuhp aml exec TABLES... [--osi NAME|!NAME|!]... [--init] [--mem io:ADDR=HEX|mem:ADDR=HEX]... [--fill BYTE] [--quiet] [--call PATH [ARG...]]',
      'cpuhp aml tree TABLES...',
    ],
    summary:
      'load tables (binary .aml files or an acpidump text file: DSDT first, then SSDTs), initialise them with --init, ' +
      'evaluate a method on plain memory (like acpiexec) and print its accesses; or print the namespace',
  },
  scenario: {
    synopsis: ['cpuhp scenario FILE.json [options]'],
    summary: 'run a scripted hot-plug scenario with a guest (see examples/)',
    options: formatHelp(SCENARIO_OPTIONS),
  },
  machines: { synopsis: ['cpuhp machines'], summary: 'list the machine types' },
  help: { synopsis: ['cpuhp help [COMMAND]', 'cpuhp COMMAND --help'], summary: 'show this text, or one command\'s' },
};

/** The help of one command. */
function commandHelp(c: CommandHelp): string {
  const lines = [`usage: ${c.synopsis.join('\n       ')}`, '', c.summary];
  if (c.options) lines.push('', 'options:', c.options);
  return lines.join('\n');
}

const USAGE = [
  'usage: cpuhp <command> [options]',
  '',
  'commands:',
  ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)}${c.summary}`),
  '',
  "'cpuhp COMMAND --help' describes one command and its options.",
].join('\n');

/** Whether the arguments ask for a command's help (before any AML method arguments). */
function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--call');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

// A reader that goes away (`cpuhp run | head`) must not take the VM down: after
// EPIPE, output to that stream is dropped.
const closed = new Set<NodeJS.WriteStream>();
for (const s of [process.stdout, process.stderr]) {
  s.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed.add(s);
    else throw e;
  });
}
const write = (s: NodeJS.WriteStream, line: string) => {
  if (!closed.has(s)) s.write(`${line}\n`);
};

const stdio: CliIo = {
  out: (line) => write(process.stdout, line),
  err: (line) => write(process.stderr, line),
};

/**
 * Runs one cpuhp command and returns its exit status: 0 on success, 2 for bad
 * usage or an impossible machine configuration (one line on stderr, never a
 * stack trace), 1 for anything else that failed.
 */
export async function main(argv: readonly string[], io: CliIo = stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    // `cpuhp help COMMAND`, `cpuhp COMMAND --help` (and `cpuhp help --help`).
    const named = command === 'help' ? rest.find((a) => !a.startsWith('-')) : undefined;
    const help = named ?? (command !== undefined && wantsHelp(rest) ? command : undefined);
    if (help !== undefined) {
      const c = Object.hasOwn(COMMANDS, help) ? COMMANDS[help] : undefined;
      if (!c) throw new UsageError('unknown-command', `unknown command '${help}' (try 'cpuhp help')`);
      io.out(commandHelp(c));
      return 0;
    }
    switch (command) {
      case 'run':
        return await runCommand(rest, io);
      case 'tables':
        return tablesCommand(rest, io.out);
      case 'scenario':
        return scenarioCommand(rest, io.out);
      case 'aml':
        return amlCommand(rest, io.out);
      case 'machines':
        for (const m of MACHINE_TYPES) io.out(`${m.name.padEnd(16)} ${m.description} (max ${m.maxCpus} CPUs)`);
        return 0;
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return 0;
      case undefined:
        io.err(USAGE);
        return 2;
      default:
        throw new UsageError('unknown-command', `unknown command '${command}' (try 'cpuhp help')`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof MachineConfigError || e instanceof ScenarioFileError) {
      io.err(`cpuhp: ${e.message}`);
      return 2;
    }
    if (e instanceof AmlEncodeError || e instanceof AcpiTableError) {
      io.err(`cpuhp: cannot build tables: ${e.message}`);
      return 1;
    }
    io.err(`cpuhp: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
