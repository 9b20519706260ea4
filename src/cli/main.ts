// Each command's code is imported when that command runs, so `cpuhp tables` never
// loads the QMP server or the interpreter (start-up is most of a short command's
// cost). Errors are told apart by their base classes (src/base), which are tiny.
import { BuildError, InputError } from '../base/index.ts';
import { formatHelp } from './options.ts';
import { UsageError } from './usage-error.ts';

/** One command's help: its synopsis, what it does, and (loaded with the command) its options. */
interface CommandHelp {
  readonly synopsis: readonly string[];
  readonly summary: string;
  readonly options?: () => Promise<string>;
}


// Every command, in the order `cpuhp help` lists them; `cpuhp COMMAND --help` prints one.
const COMMANDS: Readonly<Record<string, CommandHelp>> = {
  run: {
    synopsis: ['cpuhp run [options]'],
    summary: 'start a VM managed over QMP (and qtest)',
    options: async () => formatHelp((await import('./run-command.ts')).RUN_OPTIONS),
  },
  tables: {
    synopsis: ['cpuhp tables [options]'],
    summary: "write a machine's ACPI tables as DIR/SIG.aml",
    options: async () => formatHelp((await import('./tables-command.ts')).TABLES_OPTIONS),
  },
  aml: {
    synopsis: [
      'cpuhp aml exec TABLES... [--osi NAME|!NAME|!]... [--init] [--mem io:ADDR=HEX|mem:ADDR=HEX]... [--fill BYTE] [--max-ops N] [--quiet] [--call PATH [ARG...]]',
      'cpuhp aml tree TABLES...',
    ],
    summary:
      'load tables (binary .aml files or an acpidump text file: DSDT first, then SSDTs), initialise them with --init, ' +
      'evaluate a method on plain memory (like acpiexec) and print its accesses; or print the namespace',
  },
  scenario: {
    synopsis: ['cpuhp scenario FILE.json [options]'],
    summary: 'run a scripted hot-plug scenario with a guest (see examples/)',
    options: async () => formatHelp((await import('./scenario-command.ts')).SCENARIO_OPTIONS),
  },
  machines: { synopsis: ['cpuhp machines'], summary: 'list the machine types' },
  help: { synopsis: ['cpuhp help [COMMAND]', 'cpuhp COMMAND --help'], summary: "show this text, or one command's" },
};

/** The help of one command. */
async function commandHelp(c: CommandHelp): Promise<string> {
  const lines = [`usage: ${c.synopsis.join('\n       ')}`, '', c.summary];
  if (c.options) lines.push('', 'options:', await c.options());
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

// Output is buffered and written once per event-loop turn (one write per turn
// instead of one per line: at thousands of hot-plug steps a second, a synchronous
// write per log line was most of the VM's time), in the order the lines were made
// across stdout and stderr. What is buffered is written at the latest when the
// turn ends, when BUFFER_MAX_CHARS is reached, or when the process exits (the
// 'exit' handler writes synchronously), so nothing is lost on quit, a signal
// `run` handles, or an error.
// A reader that goes away (`cpuhp run | head`) must not take the VM down: after
// EPIPE, output to that stream is dropped.
// Node makes process.stdout and process.stderr when they are first used (for a
// pipe, with net behind it), so a stream is watched from its first line, not
// before: `cpuhp tables` never makes stderr.
const BUFFER_MAX_CHARS = 1 << 16;
const watched = new Set<NodeJS.WriteStream>();
const closed = new Set<NodeJS.WriteStream>();
function watch(s: NodeJS.WriteStream): void {
  watched.add(s);
  s.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed.add(s);
    else throw e;
  });
}
/** Lines waiting, as runs of one stream: [stream, text][] in the order they were made. */
const pending: [NodeJS.WriteStream, string][] = [];
let pendingChars = 0;
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  pendingChars = 0;
  for (const [s, text] of pending.splice(0)) if (!closed.has(s)) s.write(text);
}

const write = (s: NodeJS.WriteStream, line: string) => {
  if (!watched.has(s)) watch(s);
  const last = pending[pending.length - 1];
  if (last?.[0] === s) last[1] += `${line}\n`;
  else pending.push([s, `${line}\n`]);
  pendingChars += line.length + 1;
  if (pendingChars >= BUFFER_MAX_CHARS) flush();
  else if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
};
process.on('exit', flush);

const stdio: CliIo = {
  out: (line) => write(process.stdout, line),
  err: (line) => write(process.stderr, line),
};

/**
 * Runs one cpuhp command and returns its exit status: 0 on success, 2 for bad
 * usage, a bad file or an impossible machine configuration (one line on stderr,
 * never a stack trace), 1 for anything else that failed.
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
      io.out(await commandHelp(c));
      return 0;
    }
    switch (command) {
      case 'run':
        return await (await import('./run-command.ts')).runCommand(rest, io);
      case 'tables':
        return await (await import('./tables-command.ts')).tablesCommand(rest, io.out);
      case 'scenario':
        return (await import('./scenario-command.ts')).scenarioCommand(rest, io.out);
      case 'aml':
        return (await import('./aml-command.ts')).amlCommand(rest, io.out);
      case 'machines':
        for (const m of (await import('../machine/index.ts')).MACHINE_TYPES) {
          io.out(`${m.name.padEnd(16)} ${m.description} (max ${m.maxCpus} CPUs)`);
        }
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
    if (e instanceof InputError) {
      io.err(`cpuhp: ${e.message}`);
      return 2;
    }
    if (e instanceof BuildError) {
      io.err(`cpuhp: cannot build tables: ${e.message}`);
      return 1;
    }
    io.err(`cpuhp: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
