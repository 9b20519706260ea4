import { DeviceError } from '../topology/index.ts';
import { platformFor } from '../arch/index.ts';
import { DEFAULT_MACHINE, followsQemu, MACHINE_TYPES } from '../machine/index.ts';
import type { DeviceArgsForm, Machine } from '../machine/index.ts';
import type { ArgsSchema } from './args.ts';
import { QmpError } from './errors.ts';
import { qdictOrder } from './qemu-order.ts';

/** QEMU's RunState names that a cpuhp VM goes through. */
export type RunState = 'prelaunch' | 'running' | 'paused' | 'inmigrate' | 'finish-migrate' | 'postmigrate';

/** What the QMP commands act on: the machine and the VM's run state. */
export interface QmpVm {
  readonly machine: Machine;
  readonly name?: string;
  status(): RunState;
  cont(): void;
  stop(): void;
  /** Shuts the VM down after the reply is sent. */
  quit(): void;
  /** system_reset: the guest reboots; plugged vCPUs stay. */
  reset(): void;
  /**
   * migrate: saves the machine to a file: URI; resolves when the file is open, completes
   * later. A refusal rejects with an Error in QEMU's words, answered as GenericError.
   */
  migrate(uri: string): Promise<void>;
  /** migrate-incoming: loads a state from a file: URI into a VM waiting for one. */
  migrateIncoming(uri: string, exitOnError: boolean): Promise<void>;
  /** query-migrate's reply. */
  queryMigrate(): Record<string, unknown>;
}

export interface QmpCommand {
  readonly schema: ArgsSchema;
  run(vm: QmpVm, args: Readonly<Record<string, unknown>>): unknown;
}

/**
 * The version cpuhp reports (greeting and query-version): the QEMU release whose QMP
 * behaviour the machine type follows (MachineType.qemu), and cpuhp as the package.
 */
export function qmpVersion(vm: QmpVm): { qemu: { major: number; minor: number; micro: number }; package: string } {
  const { major, minor, micro } = vm.machine.config.type.qemu;
  return { qemu: { major, minor, micro }, package: 'cpuhp 0.1.0' };
}

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

/** Migration refusals carry QEMU's words; QEMU answers all of them as GenericError. */
function migration(p: Promise<void>): Promise<Record<string, never>> {
  return p.then(
    () => ({}),
    (e: unknown) => {
      throw e instanceof QmpError || !(e instanceof Error) ? e : new QmpError('GenericError', e.message);
    },
  );
}

/**
 * QEMU 7.2's device_add turns its arguments into QemuOpts (qemu_opts_from_qdict)
 * before anything looks at them: strings stay, numbers become their decimal text,
 * booleans "on"/"off", and null, objects and arrays are dropped; "id" counts only
 * when it is a string. The hotplug differential (test/peers/hotplug-differential.test.ts)
 * showed each: {driver: 5} is "'5' is not a valid device model name", {driver: null}
 * "Parameter 'driver' is missing", {bus: 5} "Bus '5' not found", {id: true} adds an
 * anonymous CPU, {"core-id": null} is "CPU core-id is not set".
 */
function qemuOpts(args: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  // In QEMU's QDict order, twice: the message's QDict makes the QemuOpts, whose
  // QDict the properties are set from, so a second bad property is never reported
  // first (QMP differential: {foo: 1, 'core-id': 'x'} is "'core-id' expects integer").
  for (const key of qdictOrder(qdictOrder(Object.keys(args)))) {
    const v = args[key];
    if (key === 'id' ? typeof v !== 'string' : !['string', 'number', 'boolean'].includes(typeof v)) continue;
    out[key] = typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v);
  }
  return out;
}

/**
 * QEMU ≥ 9.2's device_add hands its JSON object to the device as it is, in QDict
 * order (twice, as above: the message's QDict, then its clone); driver, bus and id
 * count only as strings (QEMU 10.0: {driver: 5} is "Parameter 'driver' is missing",
 * {bus: 5} is ignored, {id: true} adds an anonymous CPU), and any string is an id.
 */
export function jsonDeviceArgs(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of qdictOrder(qdictOrder(Object.keys(args)))) {
    const v = args[key];
    if (['driver', 'bus', 'id'].includes(key) && typeof v !== 'string') continue;
    out[key] = v;
  }
  return out;
}

/** device_add's arguments in the form the type's QEMU hands them to the device. */
function deviceArgs(vm: QmpVm, args: Readonly<Record<string, unknown>>): [Record<string, unknown>, DeviceArgsForm] {
  return followsQemu(vm.machine.config.type, 9, 2) ? [jsonDeviceArgs(args), 'json'] : [qemuOpts(args), 'qemu-opts'];
}

export const COMMANDS: Readonly<Record<string, QmpCommand>> = {
  'query-version': { schema: none, run: (vm) => qmpVersion(vm) },
  'query-status': {
    schema: none,
    // StatusInfo lost its deprecated 'singlestep' member before QEMU 9 (the RFC's 9.1.50 has none).
    run: (vm) => ({ status: vm.status(), ...(followsQemu(vm.machine.config.type, 9) ? {} : { singlestep: false }), running: vm.status() === 'running' }),
  },
  'query-name': { schema: none, run: (vm) => (vm.name !== undefined ? { name: vm.name } : {}) },
  'query-commands': { schema: none, run: () => [...Object.keys(COMMANDS), 'qmp_capabilities'].map((name) => ({ name })) },
  'query-machines': {
    schema: none,
    // QEMU 10.0's MachineInfo members. No type is an alias: cpuhp's q35 and pc are
    // their own form, not QEMU's aliases of pc-q35-10.0 and pc-i440fx-10.0; which
    // QEMU a type follows is in its name or, for those, in `cpuhp machines`.
    run: () => MACHINE_TYPES.map((m) => ({
      name: m.name,
      ...(m.name === DEFAULT_MACHINE ? { 'is-default': true } : {}),
      'cpu-max': m.maxCpus,
      'hotpluggable-cpus': true,
      'numa-mem-supported': false,
      deprecated: false,
      'default-cpu-type': platformFor(m.chipset).cpuType,
      acpi: true,
    })),
  },
  cont: { schema: none, run: (vm) => (vm.cont(), {}) },
  stop: { schema: none, run: (vm) => (vm.stop(), {}) },
  quit: { schema: none, run: (vm) => (vm.quit(), {}) },
  system_reset: { schema: none, run: (vm) => (vm.reset(), {}) },
  // Migration to and from a file: URI (QEMU >= 8.2's spelling); the stream is cpuhp's
  // machine state (src/machine/machine-state.ts). Both answer once the file is open
  // and finish asynchronously, as QEMU's do; query-migrate tells how it ended.
  migrate: {
    schema: { args: { uri: { type: 'str' }, detach: { type: 'bool', optional: true } } },
    run: (vm, args) => migration(vm.migrate(args['uri'] as string)),
  },
  'migrate-incoming': {
    // exit-on-error: QEMU >= 9.1; true (QEMU's default) ends the VM when the load fails.
    schema: { args: { uri: { type: 'str' }, 'exit-on-error': { type: 'bool', optional: true } } },
    run: (vm, args) => migration(vm.migrateIncoming(args['uri'] as string, args['exit-on-error'] !== false)),
  },
  'query-migrate': { schema: none, run: (vm) => vm.queryMigrate() },
  'query-hotpluggable-cpus': { schema: none, run: (vm) => vm.machine.hotpluggableCpus() },
  'query-cpus-fast': { schema: none, run: (vm) => vm.machine.cpusFast() },
  'query-acpi-ospm-status': { schema: none, run: (vm) => vm.machine.ospmStatus() },
  device_add: {
    // device_add takes the device's properties as further members. It is 'gen': false,
    // so nothing is type-checked here: see qemuOpts() and jsonDeviceArgs().
    schema: { args: {}, extra: true },
    run: (vm, args) => (device(() => vm.machine.deviceAdd(...deviceArgs(vm, args))), {}),
  },
  device_del: {
    schema: { args: { id: { type: 'str' } } },
    run: (vm, args) => (device(() => vm.machine.deviceDel(args['id'] as string)), {}),
  },
};
