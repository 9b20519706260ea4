import { DeviceError } from '../machine/errors.ts';
import { MACHINE_TYPES } from '../machine/machine-types.ts';
import type { Machine } from '../machine/machine.ts';
import type { ArgsSchema } from './args.ts';
import { QmpError } from './errors.ts';

export type RunState = 'prelaunch' | 'running' | 'paused';

/** What the QMP commands act on: the machine and the VM's run state. */
export interface QmpVm {
  readonly machine: Machine;
  readonly name?: string;
  status(): RunState;
  cont(): void;
  stop(): void;
  /** Shuts the VM down after the reply is sent. */
  quit(): void;
}

export interface QmpCommand {
  readonly schema: ArgsSchema;
  run(vm: QmpVm, args: Readonly<Record<string, unknown>>): unknown;
}

/** The version cpuhp reports: the QEMU release whose hot-plug ABI it keeps. */
export const QMP_VERSION = { qemu: { major: 7, minor: 2, micro: 0 }, package: 'cpuhp 0.1.0' };

const none: ArgsSchema = { args: {} };

/** Maps machine-side refusals to QMP errors with QEMU's classes. */
function device<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DeviceError) throw new QmpError(e.errorClass, e.message);
    throw e;
  }
}

export const COMMANDS: Readonly<Record<string, QmpCommand>> = {
  'query-version': { schema: none, run: () => QMP_VERSION },
  'query-status': {
    schema: none,
    run: (vm) => ({ status: vm.status(), singlestep: false, running: vm.status() === 'running' }),
  },
  'query-name': { schema: none, run: (vm) => (vm.name !== undefined ? { name: vm.name } : {}) },
  'query-commands': { schema: none, run: () => [...Object.keys(COMMANDS), 'qmp_capabilities'].map((name) => ({ name })) },
  'query-machines': {
    schema: none,
    run: () => MACHINE_TYPES.map((m) => ({ name: m.name, 'cpu-max': m.maxCpus, 'hotpluggable-cpus': true, deprecated: false })),
  },
  cont: { schema: none, run: (vm) => (vm.cont(), {}) },
  stop: { schema: none, run: (vm) => (vm.stop(), {}) },
  quit: { schema: none, run: (vm) => (vm.quit(), {}) },
  'query-hotpluggable-cpus': { schema: none, run: (vm) => vm.machine.hotpluggableCpus() },
  'query-cpus-fast': { schema: none, run: (vm) => vm.machine.cpusFast() },
  'query-acpi-ospm-status': { schema: none, run: (vm) => vm.machine.ospmStatus() },
  device_add: {
    // device_add takes the device's properties as further members.
    schema: { args: { driver: { type: 'str' }, bus: { type: 'str', optional: true }, id: { type: 'str', optional: true } }, extra: true },
    run: (vm, args) => (device(() => vm.machine.deviceAdd(args)), {}),
  },
  device_del: {
    schema: { args: { id: { type: 'str' } } },
    run: (vm, args) => (device(() => vm.machine.deviceDel(args['id'] as string)), {}),
  },
};
