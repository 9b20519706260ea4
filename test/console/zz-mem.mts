import { Vm } from '../../src/vm/vm.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { ConsoleServer } from '../../src/console/index.ts';
const withConsole = process.argv[2] === 'console';
const config = createMachineConfig(findMachineType('q35'), '1,maxcpus=4096');
const vm = new Vm(config, { startPaused: false, guest: { autoOnline: true }, onQuit: () => {} });
let server: ConsoleServer | undefined;
if (withConsole) { server = new ConsoleServer(vm, { host: '127.0.0.1', port: 0 }, ''); await server.listen(); }
vm.start(); vm.runGuest();
const mb = () => { (globalThis as any).gc?.(); return Math.round(process.memoryUsage().heapUsed / 1e6); };
const t0 = Date.now();
for (let i = 1; i <= 150; i++) {
  vm.machine.deviceAdd({ driver: config.platform.cpuType, ...config.cpus[i]!.props, id: 'cpu' + i });
  vm.runGuest();
  await new Promise((r) => setImmediate(r));
  if (i % 50 === 0) console.log(i, 'adds', Date.now() - t0, 'ms', mb(), 'MB heap');
}
await server?.close();
process.exit(0);
