// A VM (the same assembly `cpuhp run` uses) as a scenario drives it: the scenario steps
// the guest itself, every event of both sides goes to one timeline (with the guest's
// virtual time), and the VMM can be swapped under the guest through the migration
// stream, keeping the guest and its AML.
import type { GuestEvent, Guest } from '../guest/index.ts';
import type { Machine, MachineConfig, MachineEvent } from '../machine/index.ts';
import { Vm } from '../vm/index.ts';
import type { ScenarioGuest } from './schema.ts';

/** One line of the timeline, before it is printed. */
export type TimelineEntry =
  | { readonly kind: 'guest'; readonly time: number; readonly event: GuestEvent }
  | { readonly kind: 'vmm'; readonly time: number; readonly event: MachineEvent }
  | { readonly kind: 'step'; readonly time: number; readonly where: string; readonly text: string; readonly comment?: string }
  | { readonly kind: 'check'; readonly time: number; readonly text: string };

/** What happened since the last expect step: the things expectations compare in order. */
export interface Window {
  notify: { path: string; value: number }[];
  ost: { path: string; source: number; status: number }[];
  events: { event: string; data: Record<string, unknown> }[];
  log: string[];
}

/** Totals for the summary. */
export interface Counters {
  interrupts: number;
  guestSteps: number;
  deviceChecks: number;
  ejectRequests: number;
  ost: number;
  qmpEvents: Map<string, number>;
  /** Accesses to the CPU hot-plug register block. */
  hotplugAccesses: number;
  migrations: number;
}

const emptyWindow = (): Window => ({ notify: [], ost: [], events: [], log: [] });

export class Session {
  private readonly vm: Vm;
  readonly guest: Guest;
  private window: Window = emptyWindow();
  private readonly saved = new Map<string, Uint8Array>();
  readonly counters: Counters = {
    interrupts: 0, guestSteps: 0, deviceChecks: 0, ejectRequests: 0, ost: 0, qmpEvents: new Map(), hotplugAccesses: 0, migrations: 0,
  };

  constructor(
    config: MachineConfig,
    guest: ScenarioGuest,
    private readonly emit: (e: TimelineEntry) => void,
  ) {
    this.vm = new Vm(config, { startPaused: false, guest, drive: 'caller', onQuit: () => {} });
    this.vm.on((e) => {
      if (e.type === 'guest') this.onGuest(e.event, e.time);
      else if (e.type === 'machine') this.onMachine(e.event);
    });
    this.guest = this.vm.prepareGuest()!;
  }

  /** Powers the VM on: the guest boots from the tables (a scenario says when). */
  boot(): void {
    this.vm.start();
  }

  get machine(): Machine {
    return this.vm.machine;
  }

  /** The guest's virtual time, which VMM-side lines are stamped with too. */
  get time(): number {
    return this.guest.events.time;
  }

  private onGuest(event: GuestEvent, time: number): void {
    switch (event.type) {
      case 'interrupt':
        this.counters.interrupts++;
        break;
      case 'notify':
        this.window.notify.push({ path: event.path, value: event.value });
        if (event.value === 1) this.counters.deviceChecks++;
        if (event.value === 3) this.counters.ejectRequests++;
        break;
      case 'ost':
        this.window.ost.push({ path: event.path, source: event.source, status: event.status });
        this.counters.ost++;
        break;
      case 'log':
        this.window.log.push(event.text);
        break;
    }
    this.emit({ kind: 'guest', time, event });
  }

  /** Events of the machine the guest is on (a machine left behind by a migration is silent). */
  private onMachine(event: MachineEvent): void {
    if (event.type === 'bus') {
      if (event.access.device === 'acpi-cpu-hotplug') this.counters.hotplugAccesses++;
    } else if (event.type === 'qmp-event') {
      this.window.events.push({ event: event.event, data: event.data });
      this.counters.qmpEvents.set(event.event, (this.counters.qmpEvents.get(event.event) ?? 0) + 1);
    }
    this.emit({ kind: 'vmm', time: this.time, event });
  }

  /** Runs the guest until it has nothing to do; throws when `max` steps were not enough. */
  run(max: number): number {
    let n = 0;
    while (n < max && this.guest.step()) n++;
    this.counters.guestSteps += n;
    if (n === max && this.guest.busy) throw new ScenarioError(`the guest is still busy after ${max} steps (maxGuestSteps)`);
    return n;
  }

  /** Up to `count` guest steps; fewer when the guest goes idle. */
  step(count: number): number {
    let n = 0;
    while (n < count && this.guest.step()) n++;
    this.counters.guestSteps += n;
    return n;
  }

  /** Keeps the machine's migration stream under `name`; returns its size. */
  save(name: string): number {
    const stream = this.machine.saveState();
    this.saved.set(name, stream);
    return stream.length;
  }

  /**
   * Builds a machine from `config` with a saved stream and moves the guest onto it.
   * The machine left behind stops counting; its stream errors propagate unchanged.
   */
  load(name: string, config: MachineConfig): Machine {
    const stream = this.saved.get(name);
    if (!stream) throw new ScenarioError(`no saved state named '${name}'`);
    const destination = this.vm.migrateLive(config, stream);
    this.counters.migrations++;
    return destination;
  }

  /** The window since the last call, and a fresh one. */
  takeWindow(): Window {
    const w = this.window;
    this.window = emptyWindow();
    return w;
  }
}

/** A scenario step that failed at run time: exit status 1, one line. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}
