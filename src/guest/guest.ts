import { Interpreter, type AddressSpace, type AmlValue, type InterpreterOptions } from '../aml/interp/index.ts';
import { AcpiContext } from './acpi-context.ts';
import { GedSource, GpeBlock, interruptsFromCrs, type EventSource } from './event-sources.ts';
import type { ListenOptions } from '../base/index.ts';
import { GuestEvents, type GuestListener } from './events.ts';
import { discoverTables, type FirmwareTables } from './firmware-tables.ts';
import type { GuestAccessSize, GuestHardware } from './hardware.ts';
import { parseMadt, type MadtView } from './madt.ts';
import { ProcessorDriver, type DeviceCheckScope, type GuestCpu } from './processor-driver.ts';
import type { ProcessorObject } from './processors.ts';

export interface GuestOptions {
  /** Online hot-added CPUs at once, like a udev rule (default true). */
  readonly autoOnline?: boolean;
  /** /sys/firmware/acpi/hotplug/processor/enabled (default true). */
  readonly processorHotplug?: boolean;
  /** What a Device Check scans: the notified device's parent (Linux 6.12, default) or the device alone (6.1). */
  readonly deviceCheck?: DeviceCheckScope;
  readonly interpreter?: InterpreterOptions;
}

/** Namespace objects looked at per boot step (each may take a few AML evaluations). */
export const BOOT_CHUNK = 16;

/** Virtual time the guest spends per step, so the log reads like a timeline. */
const STEP_US = 1000;

/**
 * A simulated OSPM that boots from the machine's ACPI tables and behaves like
 * Linux's ACPI CPU hot-plug code. It runs only when asked: interrupts are recorded
 * by interrupt() and handled by step(), and Notify work queued by the event methods
 * runs after them, as Linux's hot-plug workqueue does. Deterministic: the same
 * inputs give the same accesses, events and log.
 */
export class Guest {
  readonly events = new GuestEvents();
  private readonly interp: Interpreter;
  private readonly acpi: AcpiContext;
  private tables!: FirmwareTables;
  private madt!: MadtView;
  private driver!: ProcessorDriver;
  private readonly sources: EventSource[] = [];
  private readonly processors = new Map<string, ProcessorObject>();
  /** Interrupt lines raised and not yet serviced, in arrival order. */
  private readonly pendingLines: number[] = [];
  private readonly levels = new Map<number, boolean>();
  /** Deferred hot-plug work (Notify calls), in order. */
  private readonly work: { path: string; value: number }[] = [];
  /** Set once the boot's last step has run. */
  private bootDone = false;
  /** What is left of a boot begun by beginBoot(), in order. */
  private readonly bootSteps: (() => void)[] = [];

  /** Whether ACPI init has finished. */
  get booted(): boolean {
    return this.bootDone;
  }

  /** Whether ACPI init has begun (it may still be running in steps). */
  get bootStarted(): boolean {
    return this.bootDone || this.bootSteps.length > 0;
  }

  constructor(
    private readonly hw: GuestHardware,
    private readonly options: GuestOptions = {},
  ) {
    this.interp = new Interpreter(options.interpreter ?? {});
    this.acpi = new AcpiContext(this.interp, this.events);
  }

  on(listener: GuestListener, options?: ListenOptions): () => void {
    return this.events.on(listener, options);
  }

  /** ACPI init: tables, namespace, _INI, processors, event sources, all at once. */
  boot(): void {
    this.beginBoot();
    while (this.bootSteps.length > 0) this.bootSteps.shift()!();
  }

  /**
   * Starts ACPI init as a queue of steps that step() runs one at a time (each
   * bounded: a table load, the _INI walk, or BOOT_CHUNK namespace objects), so a
   * VMM can serve its clients between them while thousands of processors are
   * enumerated. Interrupts raised meanwhile wait until the boot is done.
   */
  beginBoot(): void {
    if (this.bootStarted) throw new Error('guest already booted');
    const found: ProcessorObject[] = [];
    let objects: ReturnType<Interpreter['objects']> = [];
    const chunks = (run: (from: number) => void) => {
      // Queued in front of what follows, one step per BOOT_CHUNK objects.
      const steps: (() => void)[] = [];
      for (let from = 0; from < objects.length; from += BOOT_CHUNK) steps.push(() => run(from));
      this.bootSteps.unshift(...steps);
    };
    this.bootSteps.push(
      () => {
        this.tables = discoverTables(this.hw.rsdp, this.hw.memory);
        this.madt = parseMadt(this.tables.madt, this.tables.fadt);
        for (const m of this.madt.messages) this.events.log(m, 'warn');
        this.installHandlers();
        const tables = [this.tables.dsdt, ...this.tables.ssdts];
        this.bootSteps.unshift(...tables.map((t) => this.inSteps(() => this.interp.loadTableInSteps(t))));
      },
      this.inSteps(() => this.interp.runInitializersInSteps(), (failures) => {
        for (const f of failures) this.events.log(`ACPI Error: ${f.path} failed: ${f.error.message}`, 'err');
      }),
      () => {
        this.driver = new ProcessorDriver(this.acpi, this.events, this.madt, {
          autoOnline: this.options.autoOnline ?? true,
          hotplugEnabled: this.options.processorHotplug ?? true,
          deviceCheck: this.options.deviceCheck ?? 'parent',
        }, () => this.processors.values());
        this.events.log(`ACPI: ${this.madt.cpus.length} possible CPUs, ${this.madt.cpus.filter((c) => c.enabled).length} enabled at boot`);
        objects = this.interp.objects();
        chunks((from) => this.findProcessors(objects.slice(from, from + BOOT_CHUNK), found));
      },
      () => {
        for (let from = 0; from < found.length; from += BOOT_CHUNK) {
          const part = found.slice(from, from + BOOT_CHUNK);
          this.bootSteps.splice(from / BOOT_CHUNK, 0, () => {
            for (const obj of part) {
              this.processors.set(obj.path, obj);
              this.driver.enumerate(obj);
            }
          });
        }
      },
      () => {
        const { fadt } = this.tables;
        if (!fadt.hardwareReduced && fadt.gpe0) this.sources.push(new GpeBlock(this.hw, this.acpi, fadt, fadt.gpe0));
        chunks((from) => this.setUpGeds(objects.slice(from, from + BOOT_CHUNK)));
      },
      () => {
        const online = this.driver.cpus.filter((c) => c.online).length;
        this.events.log(`smp: Brought up 1 node, ${online} CPU${online === 1 ? '' : 's'}`);
        this.bootDone = true;
      },
    );
  }

  /**
   * A boot step that runs the interpreter's work one of its steps at a time:
   * it queues itself again in front until the work is done, then hands over the
   * result. The work is created when the step first runs.
   */
  private inSteps<T>(start: () => Generator<void, T>, done: (result: T) => void = () => {}): () => void {
    let steps: Generator<void, T> | undefined;
    const step = () => {
      const r = (steps ??= start()).next();
      if (r.done) done(r.value);
      else this.bootSteps.unshift(step);
    };
    return step;
  }

  private installHandlers(): void {
    const bind = (space: AddressSpace, kind: 'io' | 'mmio') =>
      this.interp.installAddressSpaceHandler(space, {
        read: (address, bitWidth) => this.hw.read(kind, Number(address), (bitWidth / 8) as GuestAccessSize),
        write: (address, bitWidth, value) => this.hw.write(kind, Number(address), (bitWidth / 8) as GuestAccessSize, value),
      });
    bind('SystemIO', 'io');
    bind('SystemMemory', 'mmio');
    // The register trace is built only while a listener wants it (GuestEvents.tracing).
    let untrace: (() => void) | undefined;
    const trace = (on: boolean) => {
      untrace?.();
      untrace = on
        ? this.interp.onTrace((e) =>
            this.events.emit({ type: 'io', space: e.space, address: Number(e.address), bitWidth: e.bitWidth, value: e.value, direction: e.direction }),
          )
        : undefined;
    };
    this.events.tracingChanged = trace;
    trace(this.events.tracing);
    // Linux queues hot-plug notifications to a workqueue; they run after the event method.
    this.interp.installNotifyHandler((path, value) => {
      this.events.emit({ type: 'notify', path, value });
      this.work.push({ path, value });
    });
  }

  /** Processor() objects and Device objects with _HID ACPI0007 among `objects`, with their UIDs, added to `out`. */
  private findProcessors(objects: ReturnType<Interpreter['objects']>, out: ProcessorObject[]): void {
    for (const o of objects) {
      if (o.kind === 'processor' && o.processorId !== undefined) {
        out.push({ path: o.path, uid: this.acpi.callInteger(`${o.path}._UID`) ?? o.processorId });
      } else if (o.kind === 'device' && this.hid(o.path) === 'ACPI0007') {
        const uid = this.acpi.callInteger(`${o.path}._UID`);
        if (uid === undefined) this.events.log(`ACPI: ${o.path}: Failed to get unique processor _UID`, 'err');
        else out.push({ path: o.path, uid });
      }
    }
  }

  private hid(path: string): string | undefined {
    if (!this.interp.exists(`${path}._HID`)) return undefined;
    const v = this.interp.evaluate(`${path}._HID`);
    return v?.kind === 'string' ? v.value : undefined;
  }

  /** The GEDs (ACPI0013) among `objects`. */
  private setUpGeds(objects: ReturnType<Interpreter['objects']>): void {
    for (const o of objects) {
      if (o.kind !== 'device' || this.hid(o.path) !== 'ACPI0013') continue;
      const crs = this.acpi.call(`${o.path}._CRS`);
      const lines = crs?.kind === 'buffer' ? interruptsFromCrs(crs.value) : [];
      if (lines.length === 0) this.events.log(`ACPI: GED ${o.path}: no interrupts in _CRS`, 'err');
      else this.sources.push(new GedSource(this.acpi, o.path, lines));
    }
  }

  /**
   * An interrupt line changed. Level lines (the SCI) stay pending while high;
   * a rising edge (the GED's pulse) is remembered once.
   */
  interrupt(line: number, level: boolean): void {
    const was = this.levels.get(line) ?? false;
    this.levels.set(line, level);
    if (level && !was && !this.pendingLines.includes(line)) this.pendingLines.push(line);
  }

  /** Boot steps or queued Notify work remain (interrupts not yet taken aside). */
  get working(): boolean {
    return this.bootSteps.length > 0 || (this.bootDone && this.work.length > 0);
  }

  /** True when step() has something to do. */
  get busy(): boolean {
    return this.bootSteps.length > 0 || (this.bootDone && (this.pendingLines.length > 0 || this.work.length > 0));
  }

  /**
   * Runs one unit of work: a boot step, one interrupt's handler (unless
   * `interrupts` is false), else one queued hot-plug notification. Returns false
   * when there was nothing to do.
   */
  step(interrupts = true): boolean {
    const bootStep = this.bootSteps.shift();
    if (bootStep) {
      bootStep();
      return true;
    }
    if (!this.booted) return false;
    const line = interrupts ? this.pendingLines.shift() : undefined;
    if (line !== undefined) {
      this.events.time += STEP_US;
      const source = this.sources.find((s) => s.lines.includes(line));
      this.events.emit({ type: 'interrupt', line, source: source instanceof GedSource ? 'ged' : 'sci' });
      const ran = source ? source.service(line) : 0;
      // A level line still high after its handler did something has new events.
      if (ran > 0 && this.levels.get(line) && !this.pendingLines.includes(line)) this.pendingLines.push(line);
      return true;
    }
    const job = this.work.shift();
    if (!job) return false;
    this.events.time += STEP_US;
    const obj = this.processors.get(job.path);
    if (obj) this.driver.hotplug(obj, job.value);
    else this.events.log(`ACPI: notify 0x${job.value.toString(16)} on ${job.path} has no handler`, 'debug');
    return true;
  }

  /** Steps until idle; bounded so a misbehaving platform cannot hang the caller. */
  runUntilIdle(maxSteps = 1_000_000): number {
    let n = 0;
    while (n < maxSteps && this.step()) n++;
    if (n === maxSteps && this.busy) throw new Error(`guest still busy after ${maxSteps} steps`);
    return n;
  }

  /** The guest kernel's CPUs (logical id, hardware id, present/registered/online). */
  cpus(): readonly Readonly<GuestCpu>[] {
    return this.driver?.cpus ?? [];
  }

  /** Offlines or onlines a CPU as root writing /sys/devices/system/cpu/cpuN/online would. */
  setOnline(cpu: number, online: boolean): boolean {
    const c = this.driver.cpus.find((x) => x.cpu === cpu);
    if (!c?.registered) return false;
    if (online) this.driver.online(c);
    else return this.driver.offline(c);
    return true;
  }

  /** Writes /sys/firmware/acpi/hotplug/processor/enabled: with 0, Eject Requests are refused (_OST 0x80). */
  setProcessorHotplug(enabled: boolean): void {
    this.driver.options.hotplugEnabled = enabled;
  }

  /**
   * Evaluates an object as root running acpiexec's "evaluate" would: on the timeline,
   * an AML error logged and undefined returned. For checks, and for driving the AML
   * by hand, e.g. CTFY(0, 3) to deliver an Eject Request no VMM would send.
   */
  evaluate(path: string, args: readonly number[] = []): AmlValue | undefined {
    if (!this.booted) throw new Error('guest not booted');
    return this.acpi.call(path, args);
  }

  /** _STA of a processor object, read now (for checks; it is an ordinary evaluation). */
  processorStatus(path: string): number {
    return this.acpi.sta(path);
  }

  get processorPaths(): readonly string[] {
    return [...this.processors.keys()];
  }
}
