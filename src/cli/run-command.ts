import { createInterface } from 'node:readline';
import { constants as osConstants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { tuneEngineForAml } from './engine-flags.ts';
import { DEFAULT_MACHINE, findMachineType, createMachineConfig } from '../machine/index.ts';
import { QmpServer, parseQmpEndpoint, type QmpEndpoint } from '../qmp/index.ts';
import { QtestProtocol } from '../qtest/index.ts';
import { formatVmEvent, migrationFilePath, Vm } from '../vm/index.ts';
import type { ConsoleServer } from '../console/index.ts';
import type { CliIo } from './main.ts';
import { startedByNpmExec, watchParent } from './parent-watch.ts';
import { createPidfile } from './pidfile.ts';
import { checkCpuModel, machineName, parseOptions, type OptionSpec } from './options.ts';
import { DEFAULT_SMP } from './tables-command.ts';
import { UsageError } from './usage-error.ts';

export const RUN_OPTIONS: readonly OptionSpec[] = [
  { names: ['-machine', '-M'], key: 'machine', takesValue: true, help: `machine type (default ${DEFAULT_MACHINE})` },
  { names: ['-smp'], key: 'smp', takesValue: true, help: `CPU topology (default ${DEFAULT_SMP})` },
  { names: ['-S'], key: 'paused', takesValue: false, help: "start paused (prelaunch); 'cont' boots the guest" },
  { names: ['-qmp'], key: 'qmp', takesValue: true, help: 'QMP server: unix:PATH,server=on,wait=off or tcp:HOST:PORT,... (default: a unix socket in the temp dir)' },
  { names: ['-qtest'], key: 'qtest', takesValue: true, help: "qtest line protocol on 'stdio' (no guest runs, as in QEMU)" },
  { names: ['-name'], key: 'name', takesValue: true, help: 'VM name' },
  { names: ['-cpu'], key: 'cpu', takesValue: true, help: "CPU model: the machine's own (max on virt, qemu64 on x86), feature properties accepted" },
  { names: ['-incoming'], key: 'incoming', takesValue: true, help: "'defer' (wait for migrate-incoming) or file:PATH (load a state at start-up)" },
  { names: ['-pidfile'], key: 'pidfile', takesValue: true, help: "write the VM's process id to FILE (removed when it ends)" },
  { names: ['--no-online'], key: 'no-online', takesValue: false, help: 'the guest does not online hot-added CPUs by itself' },
  { names: ['--console'], key: 'console', takesValue: true, optionalValue: true, help: 'serve the live console page on [HOST][:PORT] (default 127.0.0.1, a free port); its URL is printed' },
  { names: ['--trace'], key: 'trace', takesValue: false, help: 'also print register accesses and cpuhp_* trace lines' },
  { names: ['--exit-with-parent'], key: 'exit-with-parent', takesValue: false, help: 'stop, as on SIGHUP, when the parent process ends (the default under npx)' },
  // QEMU options that mean nothing here, accepted so QEMU's own command lines work unchanged.
  { names: ['-display'], key: 'ignored-display', takesValue: true, help: '(ignored)' },
  { names: ['-nodefaults'], key: 'ignored-nodefaults', takesValue: false, help: '(ignored)' },
  { names: ['-qtest-log'], key: 'ignored-qtest-log', takesValue: true, help: '(ignored)' },
  { names: ['-accel'], key: 'ignored-accel', takesValue: true, help: '(ignored)' },
  { names: ['-bios'], key: 'ignored-bios', takesValue: true, help: '(ignored: the guest boots from the tables)' },
  { names: ['-m'], key: 'ignored-memory', takesValue: true, help: '(ignored)' },
];

/** Signals that end the VM as QEMU's do: SHUTDOWN with reason 'host-signal', the socket removed. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The -incoming value: 'defer', a file: URI (checked now), or undefined without -incoming. */
function incomingOf(value: string | true | undefined): 'defer' | string | undefined {
  if (value === undefined || value === true) return undefined;
  if (value === 'defer') return 'defer';
  try {
    migrationFilePath(value);
  } catch (e) {
    throw new UsageError('bad-value', `-incoming ${value}: ${(e as Error).message}`);
  }
  return value;
}

/**
 * `cpuhp run`: a VM process managed over QMP, with a guest that runs the ACPI
 * tables and a readable log of what both sides do. With -qtest stdio it is instead
 * a register-level peer of `qemu-system-x86_64 -qtest`. Resolves with the exit
 * status when it stops; after its "stopped" line nothing more happens.
 */
/**
 * V8's young generation for a VM process: kept at its first size (growth factor
 * 1) instead of doubling up to 2 x 16 MiB while a large guest boots, which an
 * idle VM then kept committed. Measured here (npm run bench): idle RSS at 4096
 * CPUs 134 -> 101 MB; the price, more frequent young collections, is about 15%
 * more VM CPU time in the 4095-vCPU hot-add and hot-remove burst (1.57 -> 1.8 s,
 * end to end still 1.3 s). V8 reads this flag whenever it would grow the
 * young generation, so setting it at run time takes effect; the heap's maximum
 * sizes, read only at start-up, cannot be changed this way.
 */
const YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1';

export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  tuneEngineForAml('vm');
  setFlagsFromString(YOUNG_GENERATION_FLAG);
  const opts = parseOptions(argv, RUN_OPTIONS);
  const qtestMode = opts['qtest'] !== undefined;
  if (qtestMode && opts['qtest'] !== 'stdio') throw new UsageError('bad-value', "-qtest: only 'stdio' is supported");
  let endpoint: QmpEndpoint | undefined;
  try {
    endpoint = typeof opts['qmp'] === 'string' ? parseQmpEndpoint(opts['qmp']) : qtestMode ? undefined : { kind: 'unix', path: join(tmpdir(), `cpuhp-${process.pid}.qmp`) };
  } catch (e) {
    throw new UsageError('bad-value', (e as Error).message);
  }
  const incoming = incomingOf(opts['incoming']);
  const type = findMachineType(machineName(String(opts['machine'] ?? DEFAULT_MACHINE)));
  const config = createMachineConfig(type, String(opts['smp'] ?? DEFAULT_SMP));
  if (typeof opts['cpu'] === 'string') checkCpuModel(opts['cpu'], config.platform.cpuType);
  // With -qtest stdio, stdout belongs to the protocol: human output goes to stderr.
  const say = qtestMode ? io.err : io.out;
  const removePidfile = typeof opts['pidfile'] === 'string' ? createPidfile(opts['pidfile']) : () => {};

  let finish!: (code: number) => void;
  const done = new Promise<number>((resolve) => (finish = resolve));
  const vm = new Vm(config, {
    startPaused: opts['paused'] === true,
    incoming: incoming !== undefined,
    ...(typeof opts['name'] === 'string' ? { name: opts['name'] } : {}),
    guest: qtestMode ? false : { autoOnline: opts['no-online'] !== true },
    onQuit: (status = 0, message) => {
      if (message !== undefined) io.err(`cpuhp: ${message}`);
      finish(status);
    },
  });

  let consoleServer: ConsoleServer | undefined;
  if (opts['console'] !== undefined) {
    // Loaded only when asked for: the console and its WebSocket library cost a VM
    // without it about 8 MB of memory.
    const { ConsoleServer, parseConsoleAddress, readPageBundle } = await import('../console/index.ts');
    try {
      consoleServer = new ConsoleServer(vm, parseConsoleAddress(opts['console']), readPageBundle());
    } catch (e) {
      throw new UsageError('bad-value', (e as Error).message);
    }
  }
  const qmp = endpoint ? new QmpServer(vm, endpoint, consoleServer?.observer) : undefined;
  // The guest takes its interrupts once the requests in hand are answered (Vm.hostBusy).
  if (qmp) vm.hostBusy = () => qmp.busy;
  const trace = opts['trace'] === true;
  vm.on((e) => {
    if (e.type === 'qmp-event') qmp?.event(e.event, e.data);
    if (!qtestMode || trace) {
      const line = formatVmEvent(e, vm.guest?.events.time ?? 0, { trace, io: trace });
      if (line !== undefined) say(line);
    }
    // Without --trace no register access or trace point is even built.
  }, { trace });
  // From here on every way out goes through `done`, so the socket and pid file are removed.
  const stopSignal = (signal: NodeJS.Signals) => {
    say(`cpuhp: terminating on signal ${osConstants.signals[signal]}`);
    vm.shutdown('host-signal');
  };
  for (const sig of STOP_SIGNALS) process.on(sig, stopSignal);
  // Under npx the parent is npm's shell and npm is one further up (parent-watch.ts).
  const npx = startedByNpmExec();
  const unwatch =
    opts['exit-with-parent'] === true || npx
      ? watchParent((ancestor) => {
          say(`cpuhp: parent process ${ancestor} is gone; terminating`);
          vm.shutdown('host-signal');
        }, npx ? 2 : 1)
      : () => {};
  let rl: ReturnType<typeof createInterface> | undefined;
  try {
    if (qmp) {
      const where = await qmp.listen();
      if (endpoint?.kind === 'tcp' && !['127.0.0.1', 'localhost', '::1'].includes(endpoint.host)) {
        say(`cpuhp: warning: QMP on ${endpoint.host} is reachable from other hosts and has no authentication`);
      }
      const { cpus, maxCpus } = config.topology;
      say(`cpuhp: ${type.name} (${type.arch}), ${cpus} of ${maxCpus} vCPUs, ${vm.status()}; QMP on ${where}`);
      say(`cpuhp: try {"execute":"qmp_capabilities"} then {"execute":"query-hotpluggable-cpus"}; Ctrl-C or {"execute":"quit"} stops`);
    }
    if (consoleServer) {
      const url = await consoleServer.listen();
      if (consoleServer.exposed) say(`cpuhp: warning: the console on ${url.replace(/\?.*/, '')} is reachable from other hosts; anyone with its URL can act on the VM`);
      say(`cpuhp: console on ${url}`);
    }
    if (incoming !== undefined && incoming !== 'defer') {
      // -incoming file:PATH: QEMU's start-up load, which ends the VM if it fails.
      vm.migrateIncoming(incoming, true).catch((e: Error) => vm.exit(1, `-incoming ${incoming}: ${e.message}`));
    }
    vm.start();
    if (qtestMode) {
      const qtest = new QtestProtocol(() => vm.machine.bus, (line) => process.stdout.write(`${line}\n`));
      vm.on((e) => {
        if (e.type === 'machine' && e.event.type === 'irq') qtest.irq(e.event.line, e.event.level);
      }, { trace: false });
      rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
      rl.on('line', (line) => qtest.handle(line));
      // QEMU keeps running after qtest EOF; we stop, so a dead test harness leaves nothing behind.
      rl.on('close', () => vm.exit(0));
    }
    return await done;
  } finally {
    for (const sig of STOP_SIGNALS) process.off(sig, stopSignal);
    unwatch();
    vm.halt();
    // Stop reading the qtest stream: an open stdin would keep the process alive after
    // SIGTERM or quit, where QEMU exits (found while probing for the hotplug differential:
    // a harness that only signals left `cpuhp run -qtest stdio` running).
    if (rl) {
      rl.close();
      process.stdin.destroy();
    }
    await qmp?.close();
    await consoleServer?.close();
    removePidfile();
    say('cpuhp: stopped');
  }
}
