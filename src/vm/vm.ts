import { readFileSync, writeFileSync } from 'node:fs';
import { Guest, type GuestOptions } from '../guest/guest.ts';
import type { GuestEvent } from '../guest/events.ts';
import { buildAcpiTables, type AcpiTableSet } from '../machine/acpi-build.ts';
import { Machine, type MachineEvent } from '../machine/machine.ts';
import type { MachineConfig } from '../machine/possible-cpus.ts';
import type { QmpVm, RunState } from '../qmp/commands.ts';
import { QmpError } from '../qmp/errors.ts';
import { guestHardware } from './guest-binding.ts';

/** Everything a VM reports, in order: machine events, guest events, run-state events. */
export type VmEvent =
  | { readonly type: 'machine'; readonly event: MachineEvent }
  | { readonly type: 'guest'; readonly event: GuestEvent; readonly time: number }
  | { readonly type: 'qmp-event'; readonly event: string; readonly data?: Record<string, unknown> };

export interface VmOptions {
  readonly startPaused: boolean;
  readonly name?: string;
  /** Run a guest OS (false under qtest, where no guest code runs, as in QEMU's qtest). */
  readonly guest: false | GuestOptions;
  /** Called after `quit` has been answered. */
  readonly onQuit: () => void;
}

/** Guest steps per turn of the event loop, so QMP stays responsive while the guest works. */
const STEPS_PER_TURN = 2000;

/**
 * A virtual machine as its management sees it: the machine, the guest running on
 * it, a run state (QEMU's prelaunch with -S, running, paused), reset, quit, and
 * save/restore of its state. The guest runs only while the VM is running, in
 * bounded slices scheduled on the event loop; tests can drive it synchronously.
 */
export class Vm implements QmpVm {
  private state: RunState;
  machine: Machine;
  guest: Guest | undefined;
  readonly name?: string;
  private readonly listeners: ((e: VmEvent) => void)[] = [];
  private unobserve: () => void = () => {};
  private scheduled = false;
  private lastSave: 'none' | 'completed' | 'failed' = 'none';

  constructor(
    readonly config: MachineConfig,
    private readonly options: VmOptions,
  ) {
    this.machine = this.attach(new Machine(config));
    this.state = options.startPaused ? 'prelaunch' : 'running';
    if (options.name !== undefined) this.name = options.name;
  }

  /** Powers on: boots the guest unless started paused (then `cont` does). Subscribe first. */
  start(): void {
    if (this.state === 'running' && !this.guest) this.bootGuest();
  }

  on(fn: (e: VmEvent) => void): () => void {
    this.listeners.push(fn);
    return () => {
      const i = this.listeners.indexOf(fn);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private emit(e: VmEvent): void {
    for (const l of this.listeners) l(e);
  }

  private qmpEvent(event: string, data?: Record<string, unknown>): void {
    this.emit({ type: 'qmp-event', event, ...(data ? { data } : {}) });
  }

  /** Makes `machine` the VM's machine: its events flow out, its interrupts reach the guest. */
  private attach(machine: Machine): Machine {
    this.unobserve();
    this.unobserve = machine.observe((e) => {
      this.emit({ type: 'machine', event: e });
      if (e.type === 'qmp-event') this.qmpEvent(e.event, e.data);
      if (e.type === 'irq') {
        this.guest?.interrupt(e.line, e.level);
        this.schedule();
      }
    });
    return machine;
  }

  /** Boots a fresh guest from the machine's current tables. */
  private bootGuest(): void {
    if (this.options.guest === false) return;
    const plugged = this.config.cpus.map((c) => this.machine.vcpu(c.index)?.enabled ?? false);
    const tables: AcpiTableSet = buildAcpiTables(this.config, plugged);
    // The hardware reads the VM's current machine, so the guest survives a restore.
    const guest = new Guest(guestHardware(tables, () => this.machine), this.options.guest);
    guest.on((event, time) => this.emit({ type: 'guest', event, time }));
    this.guest = guest;
    guest.boot();
    this.schedule();
  }

  /** Runs the guest in slices while the VM runs and the guest has work. */
  private schedule(): void {
    if (this.scheduled || this.state !== 'running' || !this.guest?.busy) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.runGuest(STEPS_PER_TURN);
      this.schedule();
    });
  }

  /** Steps the guest synchronously (at most `maxSteps`) if the VM is running; returns steps taken. */
  runGuest(maxSteps = 1_000_000): number {
    if (this.state !== 'running' || !this.guest) return 0;
    let n = 0;
    while (n < maxSteps && this.guest.step()) n++;
    return n;
  }

  status(): RunState {
    return this.state;
  }

  cont(): void {
    if (this.state === 'running') return;
    const first = this.state === 'prelaunch';
    this.state = 'running';
    this.qmpEvent('RESUME');
    if (first) this.bootGuest();
    this.schedule();
  }

  stop(): void {
    if (this.state !== 'running') return;
    this.state = 'paused';
    this.qmpEvent('STOP');
  }

  /**
   * system_reset: the machine's devices first (GPE0 cleared, see Machine.reset),
   * then RESET, as QEMU's qemu_system_reset; the guest reboots on the same machine
   * (hot-plugged vCPUs stay).
   */
  reset(): void {
    this.machine.reset();
    this.qmpEvent('RESET', { guest: false, reason: 'host-qmp-system-reset' });
    // QEMU's main loop leaves a VM reset while not running in prelaunch, so cont boots
    // it afresh (QMP differential: stop, system_reset, query-status says "prelaunch").
    if (this.state === 'paused') this.state = 'prelaunch';
    this.guest = undefined;
    if (this.state !== 'prelaunch') this.bootGuest();
  }

  quit(): void {
    this.qmpEvent('SHUTDOWN', { guest: false, reason: 'host-qmp-quit' });
    setImmediate(this.options.onQuit);
  }

  /** Writes the machine's migration stream to `file`. */
  save(file: string): void {
    const bytes = this.machine.saveState();
    try {
      writeFileSync(file, bytes);
      this.lastSave = 'completed';
    } catch (e) {
      this.lastSave = 'failed';
      throw new QmpError('GenericError', `Failed to write '${file}': ${(e as Error).message}`);
    }
  }

  get migrationStatus(): string {
    return this.lastSave;
  }

  /**
   * Loads a stream saved from a machine of this configuration. The running guest
   * keeps its AML and now talks to the loaded machine. On any error nothing changes.
   */
  restore(file: string): void {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new QmpError('GenericError', `Failed to read '${file}': ${(e as Error).message}`);
    }
    let machine: Machine;
    try {
      machine = new Machine(this.config, bytes);
    } catch (e) {
      throw new QmpError('GenericError', `Failed to load the machine state: ${(e as Error).message}`);
    }
    this.machine = this.attach(machine);
  }
}
