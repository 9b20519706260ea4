import { createInterface } from 'node:readline';
import { DEFAULT_MACHINE, findMachineType } from '../machine/machine-types.ts';
import { createMachineConfig } from '../machine/possible-cpus.ts';
import { Machine } from '../machine/machine.ts';
import { QmpServer, parseQmpEndpoint } from '../qmp/server.ts';
import { QtestProtocol } from '../qtest/protocol.ts';
import { Vm } from '../vm/vm.ts';
import { machineName, parseOptions, type OptionSpec } from './options.ts';
import { DEFAULT_SMP } from './tables-command.ts';
import { UsageError } from './usage-error.ts';

export const RUN_OPTIONS: readonly OptionSpec[] = [
  { names: ['-machine', '-M'], key: 'machine', takesValue: true, help: `machine type (default ${DEFAULT_MACHINE})` },
  { names: ['-smp'], key: 'smp', takesValue: true, help: `CPU topology (default ${DEFAULT_SMP})` },
  { names: ['-S'], key: 'paused', takesValue: false, help: 'start paused (prelaunch), like QEMU' },
  { names: ['-qmp'], key: 'qmp', takesValue: true, help: 'QMP server: unix:PATH,server=on,wait=off or tcp:HOST:PORT,...' },
  { names: ['-qtest'], key: 'qtest', takesValue: true, help: "qtest line protocol; only 'stdio'" },
  { names: ['-name'], key: 'name', takesValue: true, help: 'VM name' },
  // QEMU options that mean nothing here, accepted so QEMU's own command lines work unchanged.
  { names: ['-display'], key: 'ignored-display', takesValue: true, help: '(ignored)' },
  { names: ['-nodefaults'], key: 'ignored-nodefaults', takesValue: false, help: '(ignored)' },
  { names: ['-qtest-log'], key: 'ignored-qtest-log', takesValue: true, help: '(ignored)' },
  { names: ['-accel'], key: 'ignored-accel', takesValue: true, help: '(ignored)' },
];

/** `cpuhp run`: a VM process managed over QMP (and driven over qtest). Resolves when it stops. */
export async function runCommand(argv: readonly string[], log: (line: string) => void): Promise<number> {
  const opts = parseOptions(argv, RUN_OPTIONS);
  if (opts['qtest'] !== undefined && opts['qtest'] !== 'stdio') {
    throw new UsageError('bad-value', "-qtest: only 'stdio' is supported");
  }
  let endpoint;
  try {
    endpoint = typeof opts['qmp'] === 'string' ? parseQmpEndpoint(opts['qmp']) : undefined;
  } catch (e) {
    throw new UsageError('bad-value', (e as Error).message);
  }
  const type = findMachineType(machineName(String(opts['machine'] ?? DEFAULT_MACHINE)));
  const machine = new Machine(createMachineConfig(type, String(opts['smp'] ?? DEFAULT_SMP)));
  // With -qtest stdio, stdout belongs to the protocol: human output goes to stderr.
  const qtestMode = opts['qtest'] === 'stdio';
  const say = qtestMode ? (l: string) => process.stderr.write(`${l}\n`) : log;

  let finish!: (code: number) => void;
  const done = new Promise<number>((resolve) => (finish = resolve));
  const vm = new Vm(machine, { startPaused: opts['paused'] === true, ...(typeof opts['name'] === 'string' ? { name: opts['name'] } : {}) }, () => finish(0));

  const qmp = endpoint ? new QmpServer(vm, endpoint) : undefined;
  machine.observe((e) => {
    if (e.type === 'qmp-event') qmp?.event(e.event, e.data);
  });
  vm.onEvent((e, data) => qmp?.event(e, data));
  if (qmp) {
    const where = await qmp.listen();
    if (endpoint?.kind === 'tcp' && !['127.0.0.1', 'localhost', '::1'].includes(endpoint.host)) {
      say(`warning: QMP on ${endpoint.host} is reachable from the network and has no authentication`);
    }
    say(`cpuhp: ${type.name} with ${machine.config.topology.cpus} of ${machine.config.topology.maxCpus} vCPUs; QMP on ${where}`);
  }

  if (qtestMode) {
    const qtest = new QtestProtocol(machine.bus, (line) => process.stdout.write(`${line}\n`));
    machine.observe((e) => {
      if (e.type === 'irq') qtest.irq(e.line, e.level);
    });
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    rl.on('line', (line) => qtest.handle(line));
    // QEMU keeps running after qtest EOF; we stop, so a dead test harness leaves nothing behind.
    rl.on('close', () => finish(0));
  }

  const stop = () => finish(0);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const code = await done;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  await qmp?.close();
  return code;
}
