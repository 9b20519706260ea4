// Each command's code is imported when that command runs, so `cpuhp tables`
// never loads the QMP server or the interpreter (start-up is most of a short
// command's cost); the error classes come from their own small files for the same
// reason.
import { AcpiTableError } from '../acpi/errors.ts';
import { AmlEncodeError } from '../aml/encode/errors.ts';
import { MachineConfigError } from '../machine/errors.ts';
import { UsageError } from './usage-error.ts';

async function usage(): Promise<string> {
  const [{ formatHelp }, { RUN_OPTIONS }, { TABLES_OPTIONS }, { SCENARIO_OPTIONS }] = await Promise.all([
    import('./options.ts'),
    import('./run-command.ts'),
    import('./tables-command.ts'),
    import('./scenario-command.ts'),
  ]);
  return `usage: cpuhp <command> [options]

commands:
  run      start a VM managed over QMP (and qtest)
${formatHelp(RUN_OPTIONS)}
  tables   write a machine's ACPI tables as DIR/SIG.aml
${formatHelp(TABLES_OPTIONS)}
  aml exec TABLE.aml... [--mem io:ADDR=HEX]... [--max-ops N] --call PATH [ARG...]
           evaluate a method on plain memory (like acpiexec) and print its accesses
  aml tree TABLE.aml...
           print the namespace
  scenario FILE.json
           run a scripted hot-plug scenario with a guest (see examples/)
${formatHelp(SCENARIO_OPTIONS)}
  machines list the machine types
  help     show this text`;
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
const BUFFER_MAX_CHARS = 1 << 16;
const closed = new Set<NodeJS.WriteStream>();
for (const s of [process.stdout, process.stderr]) {
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
 * usage or an impossible machine configuration (one line on stderr, never a
 * stack trace), 1 for anything else that failed.
 */
export async function main(argv: readonly string[], io: CliIo = stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await (await import('./run-command.ts')).runCommand(rest, io);
      case 'tables':
        return (await import('./tables-command.ts')).tablesCommand(rest, io.out);
      case 'scenario':
        return (await import('./scenario-command.ts')).scenarioCommand(rest, io.out);
      case 'aml':
        return (await import('./aml-command.ts')).amlCommand(rest, io.out);
      case 'machines':
        for (const m of (await import('../machine/machine-types.ts')).MACHINE_TYPES) {
          io.out(`${m.name.padEnd(16)} ${m.description} (max ${m.maxCpus} CPUs)`);
        }
        return 0;
      case 'help':
      case '--help':
      case '-h':
        io.out(await usage());
        return 0;
      case undefined:
        io.err(await usage());
        return 2;
      default:
        throw new UsageError('unknown-command', `unknown command '${command}' (try 'cpuhp help')`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof MachineConfigError) {
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
