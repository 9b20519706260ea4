import { Guest, isGuestTrace, type GuestEvent, type GuestOptions } from '../guest/index.ts';
import { Listeners, type ListenOptions } from '../base/index.ts';
import { buildAcpiTables, type AcpiTableSet, decodeMachineState, isMachineTrace, Machine, type MachineEvent } from '../machine/index.ts';
import type { MachineConfig } from '../machine/index.ts';
import type { QmpVm, RunState } from '../qmp/index.ts';
import type { FileHandle } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { attachGuest, type AttachedGuest } from './guest-binding.ts';
import { MigrationError, migrationFilePath, MigrationRecord } from './migration.ts';
import { createStateFile, openStateFile, readStateFile, writeStateFile } from './state-file.ts';

/** Everything a VM reports, in order: machine events, guest events, run-state events. */
export type VmEvent =
  | { readonly type: 'machine'; readonly event: MachineEvent }
  | { readonly type: 'guest'; readonly event: GuestEvent; readonly time: number }
  | { readonly type: 'qmp-event'; readonly event: string; readonly data?: Record<string, unknown> };

export interface VmOptions {
  readonly startPaused: boolean;
  /** -incoming: start in 'inmigrate', waiting for a state (migrate-incoming). */
  readonly incoming?: boolean;
  readonly name?: string;
  /** Run a guest OS (false under qtest, where no guest code runs, as in QEMU's qtest). */
  readonly guest: false | GuestOptions;
  /**
   * Called when the VM is to end: after `quit` has been answered or a host signal
   * (status 0), or after a failed incoming migration with exit-on-error (status 1,
   * with QEMU's message).
   */
  readonly onQuit: (status?: number, message?: string) => void;
  /**
   * Who runs the guest: slices scheduled on the event loop (`cpuhp run`, the default),
   * or the caller through runGuest (scenarios and tests, which step it themselves).
   */
  readonly drive?: 'event-loop' | 'caller';
  /** The tables the guest boots from, instead of the machine's own (tests of AML variants). */
  readonly tables?: (config: MachineConfig, plugged: readonly boolean[]) => AcpiTableSet;
}

/**
 * What the guest may do per turn of the event loop, so QMP stays responsive while
 * it works: at most STEPS_PER_TURN steps (a boot step, an interrupt handler or one
 * Notify's work) and, past the first step, no more once SLICE_MS have gone by.
 */
export const STEPS_PER_TURN = 2000;
export const SLICE_MS = 20;
/**
 * Most event-loop turns the guest waits while the host has requests in hand
 * (hostBusy) before it takes an interrupt; its queued work runs meanwhile. A
 * guest that took its interrupt after every few device_adds of a
 * pipelined burst rescanned all its processors each time (Linux's Device Check
 * rescans the container: N _STA reads), so hot-adding N vCPUs cost N²; in QEMU the
 * monitor and the vCPUs run side by side and one guest scan sees many adds.
 */
export const GUEST_DEFER_TURNS = 64;

/**
 * A virtual machine as its management sees it: the machine, the guest running on
 * it, a run state as QEMU names them (prelaunch with -S, running, paused,
 * inmigrate with -incoming, finish-migrate and postmigrate around an outgoing
 * migration), reset, quit, and migration to and from a file. The guest runs only
 * while the VM is running, in bounded slices scheduled on the event loop; tests
 * can drive it synchronously.
 */
export class Vm implements QmpVm {
  private state: RunState;
  machine: Machine;
  /** The guest and its wiring to the machine, once the guest exists. */
  private attached: AttachedGuest | undefined;
  readonly name?: string;
  /** When the first listener wanting trace detail comes or the last goes, the machine and guest are re-subscribed. */
  private readonly listeners = new Listeners<[VmEvent]>(() => {
    this.attach(this.machine);
    if (this.guest) this.listenToGuest(this.guest);
  });
  private unobserve: () => void = () => {};
  private unlistenGuest: () => void = () => {};
  private scheduled = false;
  private deferred = 0;
  private stopped = false;
  /**
   * True while the host has requests waiting (the QMP server's clients with input):
   * the guest's next slice then waits for them, up to GUEST_DEFER_TURNS turns.
   */
  hostBusy: () => boolean = () => false;
  /** Run once a state has been loaded (QEMU's autostart: no -S; cont and stop in inmigrate change it). */
  private autostart: boolean;
  private incomingStarted = false;
  private readonly migration = new MigrationRecord();

  constructor(
    config: MachineConfig,
    private readonly options: VmOptions,
  ) {
    this.machine = this.attach(new Machine(config));
    this.autostart = !options.startPaused;
    this.state = options.incoming ? 'inmigrate' : options.startPaused ? 'prelaunch' : 'running';
    if (options.name !== undefined) this.name = options.name;
  }

  /** The machine's static shape (the destination's, after a migration). */
  get config(): MachineConfig {
    return this.machine.config;
  }

  /** The guest OS, once it exists (a VM without one runs no guest code, as under qtest). */
  get guest(): Guest | undefined {
    return this.attached?.guest;
  }

  /** Powers on: boots the guest unless started paused (then `cont` does). Subscribe first. */
  start(): void {
    if (this.state === 'running' && !this.guest?.bootStarted) this.bootGuest();
    // Started paused: the guest's tables are built now, before any client is
    // served, so that `cont` need not (at 4096 CPUs that took QMP's turn for
    // over 100 ms); they are used if no vCPU was plugged or unplugged meanwhile.
    else if (this.state === 'prelaunch' && this.options.guest !== false) this.tablesAhead = this.guestTables();
  }

  /** Tables built by start() for a guest that has not booted yet. */
  private tablesAhead: { readonly config: MachineConfig; readonly plugged: readonly boolean[]; readonly tables: AcpiTableSet } | undefined;

  /** The tables a guest booting now gets: the machine's, for its vCPUs plugged now. */
  private guestTables(): { config: MachineConfig; plugged: boolean[]; tables: AcpiTableSet } {
    const config = this.config;
    const plugged = config.cpus.map((c) => this.machine.vcpu(c.index)?.enabled ?? false);
    const ahead = this.tablesAhead;
    this.tablesAhead = undefined;
    if (ahead && ahead.config === config && ahead.plugged.every((p, i) => p === plugged[i])) return { config, plugged, tables: ahead.tables };
    return { config, plugged, tables: (this.options.tables ?? buildAcpiTables)(config, plugged) };
  }

  /** How many subscribers the VM has (the soak checks that none leak). */
  get listenerCount(): number {
    return this.listeners.count;
  }

  /**
   * Subscribes to everything the VM reports; returns the unsubscribe function.
   * With `{ trace: false }` the listener gets no trace detail (register accesses,
   * trace points, AML evaluations: isMachineTrace, isGuestTrace), and while no
   * listener wants it the machine and the guest do not build it.
   */
  on(fn: (e: VmEvent) => void, options?: ListenOptions): () => void {
    return this.listeners.add(fn, options);
  }

  private emit(e: VmEvent): void {
    if (this.stopped) return;
    const trace = e.type === 'machine' ? isMachineTrace(e.event) : e.type === 'guest' ? isGuestTrace(e.event) : false;
    this.listeners.emit(trace, e);
  }

  private listenToGuest(guest: Guest): void {
    this.unlistenGuest();
    this.unlistenGuest = guest.on((event, time) => this.emit({ type: 'guest', event, time }), { trace: this.listeners.tracing });
  }

  private qmpEvent(event: string, data?: Record<string, unknown>): void {
    this.emit({ type: 'qmp-event', event, ...(data ? { data } : {}) });
  }

  /** Makes `machine` the VM's machine: its events flow out (re-subscribed when trace interest changes). */
  private attach(machine: Machine): Machine {
    this.unobserve();
    this.unobserve = machine.observe(
      (e) => {
        this.emit({ type: 'machine', event: e });
        if (e.type === 'qmp-event') this.qmpEvent(e.event, e.data);
      },
      { trace: this.listeners.tracing },
    );
    return machine;
  }

  /**
   * Creates the guest, wired to the machine and its memory holding the machine's
   * current tables, without booting it (tests subscribe to it or plug vCPUs first).
   */
  prepareGuest(): Guest | undefined {
    if (this.options.guest === false) return undefined;
    if (this.attached) return this.attached.guest;
    const { tables } = this.guestTables();
    // Interrupts reach the guest through the binding; then the VM schedules its work.
    this.attached = attachGuest(this.machine, tables, this.options.guest, () => this.schedule());
    this.listenToGuest(this.attached.guest);
    return this.attached.guest;
  }

  /** Boots the guest (a fresh one unless prepared) from the machine's current tables. */
  private bootGuest(): void {
    const guest = this.prepareGuest();
    if (!guest || guest.bootStarted) return;
    // Driven by the event loop, the boot runs in slices (schedule()): thousands of
    // processors take long to enumerate. A caller that steps the guest itself gets
    // it booted at once.
    if (this.options.drive === 'caller') guest.boot();
    else guest.beginBoot();
    this.schedule();
  }

  /** Drops the guest (reset, or a machine restored without guest memory). */
  private dropGuest(): void {
    this.unlistenGuest();
    this.unlistenGuest = () => {};
    this.attached?.detach();
    this.attached = undefined;
  }

  /**
   * Live migration in one process, as the guest sees it: a machine built from
   * `config` with the current machine's stream (or `stream`) replaces it, and the
   * guest, its memory, AML and pending work stay, now on the destination. The
   * machine left behind is silent. Stream errors propagate, changing nothing.
   */
  migrateLive(config: MachineConfig, stream: Uint8Array = this.machine.saveState()): Machine {
    const destination = new Machine(config, stream);
    this.machine = this.attach(destination);
    this.attached?.moveTo(destination);
    return destination;
  }

  /** Runs the guest in slices while the VM runs and the guest has work. */
  private schedule(): void {
    if (this.options.drive === 'caller') return;
    if (this.scheduled || this.stopped || this.state !== 'running' || !this.guest?.busy) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // Only taking a new interrupt waits: work the guest has queued runs on, so a
      // request it has begun is finished before the host's next ones land.
      const defer = this.hostBusy() && this.deferred < GUEST_DEFER_TURNS;
      this.deferred = defer ? this.deferred + 1 : 0;
      this.runGuest(STEPS_PER_TURN, SLICE_MS, !defer);
      this.schedule();
    });
  }

  /**
   * Steps the guest synchronously (at most `maxSteps`, and after the first none
   * once `budgetMs` have passed; with `interrupts` false, no pending interrupt is
   * taken) if the VM is running; returns steps taken.
   */
  runGuest(maxSteps = 1_000_000, budgetMs = Infinity, interrupts = true): number {
    if (this.state !== 'running' || !this.guest || this.stopped) return 0;
    const end = budgetMs === Infinity ? Infinity : performance.now() + budgetMs;
    let n = 0;
    while (n < maxSteps && (n === 0 || performance.now() < end) && this.guest.step(interrupts)) n++;
    return n;
  }

  status(): RunState {
    return this.state;
  }

  cont(): void {
    // qmp_cont: in inmigrate it only asks for the VM to run once the state is loaded.
    if (this.state === 'inmigrate') {
      this.autostart = true;
      return;
    }
    if (this.state === 'running') return;
    this.state = 'running';
    this.qmpEvent('RESUME');
    // The guest boots on the first cont (prelaunch, or after an incoming migration).
    if (!this.guest?.bootStarted) this.bootGuest();
    this.schedule();
  }

  stop(): void {
    if (this.state === 'inmigrate') {
      this.autostart = false;
      return;
    }
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
    // it afresh (QMP differential: stop, system_reset, query-status says "prelaunch");
    // inmigrate and finish-migrate stay.
    if (this.state === 'inmigrate' || this.state === 'finish-migrate') return;
    if (this.state !== 'running') this.state = 'prelaunch';
    this.dropGuest();
    if (this.state !== 'prelaunch') this.bootGuest();
  }

  quit(): void {
    this.shutdown('host-qmp-quit');
  }

  /**
   * Ends the VM: SHUTDOWN with QEMU's reason ('host-qmp-quit', 'host-signal'),
   * then nothing more: the guest stops and no further event is emitted.
   */
  shutdown(reason: string): void {
    if (this.stopped) return;
    this.qmpEvent('SHUTDOWN', { guest: false, reason });
    this.halt();
    setImmediate(() => this.options.onQuit(0));
  }

  /** Stops the guest and every further event, for good. */
  halt(): void {
    this.stopped = true;
    this.unobserve();
  }

  /** Ends the VM without SHUTDOWN, as QEMU's exit() after a failed incoming load. */
  exit(status: number, message?: string): void {
    if (this.stopped) return;
    this.halt();
    this.options.onQuit(status, message);
  }

  queryMigrate(): Record<string, unknown> {
    return this.migration.info();
  }

  /**
   * migrate to file:PATH, as QEMU does it: refused while waiting for an incoming
   * state, after a migration, or during one; answered once the file is open; then
   * the VM stops (STOP if it ran), its state is written, and it ends in
   * 'postmigrate' (or back where it was, if the write failed).
   */
  async migrate(uri: string): Promise<void> {
    const path = migrationFilePath(uri);
    if (this.state === 'inmigrate') throw new MigrationError('Guest is waiting for an incoming migration');
    if (this.state === 'postmigrate') throw new MigrationError("Can't migrate the vm that was paused due to previous migration");
    if (this.migration.active) throw new MigrationError("There's a migration process in progress");
    this.migration.set('setup');
    let file;
    try {
      file = await createStateFile(path);
    } catch (e) {
      this.migration.fail((e as Error).message);
      throw new MigrationError((e as Error).message);
    }
    // The reply goes out first, then STOP, as QEMU orders them.
    setImmediate(() => void this.finishOutgoing(file, path));
  }

  private async finishOutgoing(file: FileHandle, path: string): Promise<void> {
    const was = this.state;
    this.migration.set('active');
    this.state = 'finish-migrate';
    if (was === 'running') this.qmpEvent('STOP');
    // The machine is stopped and deterministic: this is the state the destination gets.
    const bytes = this.machine.saveState(was);
    try {
      await writeStateFile(file, path, bytes);
      this.migration.set('completed');
      if (this.state === 'finish-migrate') this.state = 'postmigrate';
    } catch (e) {
      this.migration.fail((e as Error).message);
      if (this.state !== 'finish-migrate') return;
      this.state = was;
      if (was === 'running') {
        this.qmpEvent('RESUME');
        this.schedule();
      }
    }
  }

  /**
   * migrate-incoming from file:PATH, allowed once and only in 'inmigrate' (QEMU's
   * -incoming defer). Answered once the file is open; then the state is read
   * (header first, bounded) and loaded. On success the machine is replaced, and
   * the VM runs if it ran on the source and autostart allows it (RESUME; the
   * guest boots from the loaded machine's tables, since guest memory is not part
   * of the state), else it is paused. On failure query-migrate says why and, with
   * `exitOnError` (QEMU's default), the VM ends with status 1 as QEMU does;
   * without it the VM waits on in 'inmigrate', unchanged. A file that cannot be opened
   * is answered as an error and does not count as the one attempt (QEMU then stays
   * stuck in 'setup').
   */
  async migrateIncoming(uri: string, exitOnError: boolean): Promise<void> {
    const path = migrationFilePath(uri);
    if (this.incomingStarted) throw new MigrationError('The incoming migration has already been started');
    if (this.state !== 'inmigrate') throw new MigrationError("'-incoming' was not specified on the command line");
    let file;
    try {
      file = await openStateFile(path);
    } catch (e) {
      throw new MigrationError((e as Error).message);
    }
    this.incomingStarted = true;
    this.migration.set('active');
    setImmediate(() => void this.finishIncoming(file, path, exitOnError));
  }

  private async finishIncoming(file: FileHandle, path: string, exitOnError: boolean): Promise<void> {
    let machine: Machine;
    let sourceState: string;
    try {
      const state = decodeMachineState(await readStateFile(file, path));
      machine = new Machine(this.config, state);
      sourceState = state.runState;
    } catch (e) {
      const desc = `load of migration failed: ${(e as Error).message}`;
      this.migration.fail(desc);
      if (exitOnError) this.exit(1, desc);
      return;
    }
    if (this.stopped || this.state !== 'inmigrate') return;
    this.dropGuest();
    this.machine = this.attach(machine);
    this.migration.set('completed');
    // process_incoming_migration_bh: a source that ran runs here if autostart says so.
    if (sourceState === 'running') {
      this.state = 'paused';
      if (this.autostart) this.cont();
    } else {
      this.state = sourceState === 'prelaunch' ? 'prelaunch' : 'paused';
    }
  }
}
