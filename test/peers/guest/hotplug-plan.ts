// A hot-plug plan (test/data/real-guest/*.json) played on two sides, recorded the same
// way so that the records compare step by step:
// - the real pair: a QEMU and a real Linux guest (LinuxGuest), driven over QMP and
//   the console, its register operations from QEMU's `-trace 'cpuhp_acpi_*'`;
// - cpuhp's own VM: the machine and its simulated guest, driven through the same QMP
//   command table `cpuhp run` serves, its register operations from its trace points
//   (the lines `cpuhp run --trace` prints, in QEMU's format).
// Each step records the trace lines from its first QMP command until the guest has
// answered the last event (before the guest's state is read, since reading `status`
// in sysfs evaluates _STA), the QMP events in order, and the guest's view per slot.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { GuestOptions } from '../../../src/guest/guest.ts';
import { formatTraceEvent } from '../../../src/hotplug/trace-events.ts';
import { findMachineType } from '../../../src/machine/machine-types.ts';
import { createMachineConfig, type MachineConfig } from '../../../src/machine/possible-cpus.ts';
import { COMMANDS } from '../../../src/qmp/commands.ts';
import { QmpError } from '../../../src/qmp/errors.ts';
import { Vm } from '../../../src/vm/vm.ts';
import type { QmpMessage } from '../../qmp/qmp-client.ts';
import { scaled } from '../../support/load-scale.ts';
import type { LinuxGuest } from './linux-guest.ts';

export type PlanStep =
  /** device_add of each slot; several go in while the guest is paused, so it sees them in one event. */
  | { readonly op: 'add'; readonly slots: readonly number[] }
  /** device_del of each slot, likewise. */
  | { readonly op: 'del'; readonly slots: readonly number[] }
  /** device_del while /sys/firmware/acpi/hotplug/processor/enabled is 0: the guest refuses (_OST 0x80). */
  | { readonly op: 'refuse-del'; readonly slots: readonly number[] }
  /** The guest offlines each slot's CPU (sysfs `online` 0), then device_del of each, as for `del`. */
  | { readonly op: 'offline-del'; readonly slots: readonly number[] }
  /** device_del that the VMM refuses at once (x86's boot CPU); the step records the error reply. */
  | { readonly op: 'del-rejected'; readonly slots: readonly number[] };

export interface Plan {
  readonly name: string;
  /** cpuhp's machine type for the simulated side (a suite may run the plan on others of its family). */
  readonly machine: string;
  readonly smp: string;
  readonly steps: readonly PlanStep[];
}

/** What the guest shows of one slot. */
export interface SlotView {
  readonly slot: number;
  /** The slot's CPU is in cpu_present_mask. */
  readonly present: boolean;
  /** Registered (arm64: in /sys/devices/system/cpu/enabled). */
  readonly enabled: boolean;
  readonly online: boolean;
  /** The processor object's _STA; -1 when Linux has no ACPI device for it. */
  readonly sta: number;
  /** x86: the APIC id the guest gives the slot's CPU while it is online (/proc/cpuinfo); absent on arm64. */
  readonly apicId?: number;
}

export interface StepRecord {
  readonly label: string;
  /** QMP error replies the step's commands got (`del-rejected`), in order. */
  readonly errors: readonly { readonly class: string; readonly desc: string }[];
  /** Wall time from the step's first command to the guest's last answer (for the benchmark only). */
  readonly elapsedMs: number;
  readonly trace: readonly string[];
  readonly events: readonly { readonly event: string; readonly data: unknown }[];
  readonly view: readonly SlotView[];
  readonly vmm: VmmView;
}

/** What the VMM says over QMP after the step. */
export interface VmmView {
  /** query-hotpluggable-cpus: each slot holding a vCPU, with its QOM path, by slot. */
  readonly hotpluggable: readonly { readonly slot: number; readonly 'qom-path': string }[];
  /** query-cpus-fast, in its order: each vCPU's slot (from its props), cpu-index and QOM path. */
  readonly cpusFast: readonly { readonly slot: number; readonly 'cpu-index': number; readonly 'qom-path': string }[];
}

/** The slot whose topology ids these are. */
function slotOf(config: MachineConfig, props: object): number {
  const want = Object.entries(props);
  return config.cpus.findIndex((c) => {
    const have = new Map(Object.entries(c.props));
    return want.every(([k, v]) => have.get(k) === v);
  });
}

function vmmView(config: MachineConfig, hotpluggable: readonly { props: object; 'qom-path'?: string }[], cpusFast: readonly { props: object; 'cpu-index': number; 'qom-path': string }[]): VmmView {
  return {
    hotpluggable: hotpluggable.flatMap((e) => (e['qom-path'] ? [{ slot: slotOf(config, e.props), 'qom-path': e['qom-path'] }] : [])).sort((a, b) => a.slot - b.slot),
    cpusFast: cpusFast.map((c) => ({ slot: slotOf(config, c.props), 'cpu-index': c['cpu-index'], 'qom-path': c['qom-path'] })),
  };
}

export function loadPlan(file: string): Plan {
  return JSON.parse(readFileSync(file, 'utf8')) as Plan;
}

export const stepLabel = (s: PlanStep): string => `${s.op} ${s.slots.join(',')}`;

/** device_add arguments for a slot: the machine's CPU type and the slot's topology ids, id cpuN. */
export function addArgs(config: MachineConfig, slot: number): Record<string, unknown> {
  const c = config.cpus[slot];
  if (!c) throw new Error(`plan: slot ${slot} is not possible on -smp ${config.topology.maxCpus}`);
  const props: Record<string, number> = {};
  for (const level of config.platform.cpuIdLevels) {
    const v = c.props[level as keyof typeof c.props];
    if (v !== undefined) props[level] = v;
  }
  return { driver: config.platform.cpuType, id: `cpu${slot}`, ...props };
}

/** A slot's vCPU in query-hotpluggable-cpus. */
interface HotpluggableEntry {
  readonly props: object;
  readonly 'qom-path'?: string;
}

/** A vCPU in query-cpus-fast. */
interface VmmCpu {
  readonly props: object;
  readonly 'cpu-index': number;
  readonly 'qom-path': string;
}

/**
 * What device_del names for a slot: its id (cpuN) when the plan plugged it, else
 * the QOM path query-hotpluggable-cpus gives (a cold-booted vCPU has no id).
 */
export function delTarget(config: MachineConfig, slot: number, list: readonly HotpluggableEntry[]): string {
  const c = config.cpus[slot];
  if (!c) throw new Error(`plan: slot ${slot} is not possible on -smp ${config.topology.maxCpus}`);
  if (!c.coldPlugged) return `cpu${slot}`;
  const props = new Map(Object.entries(c.props));
  const entry = list.find((e) => Object.entries(e.props).every(([k, v]) => props.get(k) === v));
  if (!entry?.['qom-path']) throw new Error(`plan: cold-booted slot ${slot} has no vCPU in query-hotpluggable-cpus`);
  return entry['qom-path'];
}

/** The QMP events of interest, without timestamps. */
function eventsOf(messages: readonly QmpMessage[]): StepRecord['events'] {
  return messages.filter((m) => m['event'] === 'ACPI_DEVICE_OST' || m['event'] === 'DEVICE_DELETED').map((m) => ({ event: String(m['event']), data: m['data'] }));
}

// -- cpuhp's own VM ------------------------------------------------------------------

/** Plays a plan on cpuhp's VM with its simulated guest (options: the Linux it is to behave as). */
export function playOnCpuhp(plan: Plan, guestOptions: GuestOptions = {}): StepRecord[] {
  const config = createMachineConfig(findMachineType(plan.machine), plan.smp);
  const vm = new Vm(config, { startPaused: false, guest: { autoOnline: true, ...guestOptions }, onQuit: () => {} });
  let trace: string[] = [];
  let events: QmpMessage[] = [];
  vm.on((e) => {
    if (e.type === 'machine' && e.event.type === 'trace') trace.push(formatTraceEvent(e.event.event));
    if (e.type === 'qmp-event') events.push({ event: e.event, data: e.data });
  });
  vm.start();
  vm.runGuest();
  let errors: StepRecord['errors'][number][] = [];
  const qmp = (cmd: string, args: Record<string, unknown>) => {
    try {
      return COMMANDS[cmd]!.run(vm, args);
    } catch (e) {
      if (!(e instanceof QmpError)) throw e;
      errors.push({ class: e.errorClass, desc: e.message });
      return undefined;
    }
  };
  const out: StepRecord[] = [];
  for (const step of plan.steps) {
    const started = performance.now();
    trace = [];
    events = [];
    errors = [];
    const guest = vm.guest!;
    if (step.op === 'refuse-del') guest.setProcessorHotplug(false);
    if (step.op === 'offline-del') {
      for (const slot of step.slots) {
        const cpu = guest.cpus().find((c) => c.hwId === config.cpus[slot]?.archId && c.registered);
        if (!cpu || !guest.setOnline(cpu.cpu, false)) throw new Error(`plan: the simulated guest cannot offline slot ${slot}`);
      }
    }
    for (const slot of step.slots) {
      if (step.op === 'add') qmp('device_add', addArgs(config, slot));
      else qmp('device_del', { id: delTarget(config, slot, vm.machine.hotpluggableCpus()) });
    }
    vm.runGuest();
    if (step.op === 'refuse-del') guest.setProcessorHotplug(true);
    const record = { label: stepLabel(step), elapsedMs: performance.now() - started, trace, events: eventsOf(events), errors };
    // Reading the view evaluates _STA too: not part of the step's trace.
    trace = [];
    out.push({ ...record, view: cpuhpView(vm, config), vmm: vmmView(config, vm.machine.hotpluggableCpus(), vm.machine.cpusFast()) });
  }
  return out;
}

function cpuhpView(vm: Vm, config: MachineConfig): SlotView[] {
  const guest = vm.guest!;
  const x86 = config.type.arch === 'x86_64';
  return config.cpus.map((c) => {
    const cpu = guest.cpus().find((g) => g.hwId === c.archId);
    const path = guest.processorPaths.find((p) => p.endsWith(`C${c.index.toString(16).toUpperCase().padStart(3, '0')}`));
    return {
      slot: c.index,
      present: cpu?.present ?? false,
      enabled: cpu?.registered ?? false,
      online: cpu?.online ?? false,
      sta: path ? guest.processorStatus(path) : -1,
      ...(x86 && cpu?.online ? { apicId: cpu.hwId } : {}),
    };
  });
}

// -- the real pair -------------------------------------------------------------------

/** Bad things in a kernel log: ACPI errors and warnings, oopses. */
export const BAD_DMESG = /ACPI (BIOS )?(Error|Warning)|ACPI Exception|Call Trace|BUG:|WARNING:|Kernel panic/;

export interface RealStep extends StepRecord {
  /** Kernel messages during the step. */
  readonly dmesg: readonly string[];
  /** Guest masks as read after the step (possible, present, online, enabled). */
  readonly masks: Readonly<Record<string, readonly number[]>>;
}

export interface RealPlayOptions {
  /** Pause the VM for a second after each DEVICE_DELETED (the RFC V5 QEMU's defect, below). */
  readonly pauseAfterRemoval?: boolean;
}

/** Plays a plan on a booted real guest; `config` is the machine the plan's slots refer to. */
export async function playOnReal(plan: Plan, g: LinuxGuest, config: MachineConfig, options: RealPlayOptions = {}): Promise<RealStep[]> {
  await g.dmesg();
  g.takeTrace();
  const out: RealStep[] = [];
  for (const step of plan.steps) {
    try {
      out.push(await playStepOnReal(step, g, config, options));
    } catch (e) {
      throw new Error(`step '${stepLabel(step)}': ${(e as Error).message}`, { cause: e });
    }
  }
  return out;
}

async function playStepOnReal(step: PlanStep, g: LinuxGuest, config: MachineConfig, options: RealPlayOptions): Promise<RealStep> {
  // Reading the state evaluates _STA: before the step's trace starts.
  const cpus = step.op === 'offline-del' ? (await guestState(g)).cpuOfSlot : undefined;
  const from = g.qmp.events.length;
  g.takeTrace(); // what the previous step's state reads caused
  const started = performance.now();
  const paused = step.slots.length > 1;
  if (step.op === 'refuse-del') await g.ok('echo 0 > /sys/firmware/acpi/hotplug/processor/enabled');
  if (cpus) {
    for (const slot of step.slots) {
      const cpu = cpus.get(slot);
      if (cpu === undefined) throw new Error(`plan: slot ${slot} has no CPU in the guest to offline`);
      await g.ok(`echo 0 > /sys/devices/system/cpu/cpu${cpu}/online`);
    }
  }
  const removes = step.op === 'del' || step.op === 'offline-del';
  const pauses = removes && options.pauseAfterRemoval ? pauseAfterEachRemoval(g) : undefined;
  const list = step.op === 'add' ? [] : ((await command(g, 'query-hotpluggable-cpus', {})) as HotpluggableEntry[]);
  const errors: StepRecord['errors'][number][] = [];
  if (paused) await command(g, 'stop', {});
  for (const slot of step.slots) {
    if (step.op === 'add') await command(g, 'device_add', addArgs(config, slot));
    else if (step.op !== 'del-rejected') await command(g, 'device_del', { id: delTarget(config, slot, list) });
    else {
      const r = await g.qmp.execute('device_del', { id: delTarget(config, slot, list) });
      const error = r['error'] as { class: string; desc: string } | undefined;
      if (!error) throw new Error(`device_del of slot ${slot} was accepted; the plan expects a refusal`);
      errors.push({ class: error.class, desc: error.desc });
    }
  }
  if (paused) await command(g, 'cont', {});
  // The guest's last word on each slot: _OST(1) for an add, the final _OST(3) of a removal.
  const last: QmpMessage[] = [];
  for (const slot of step.op === 'del-rejected' ? [] : step.slots) {
    const done = (m: QmpMessage) => {
      const info = (m['data'] as { info?: { slot?: string; source?: number; status?: number } } | undefined)?.info;
      if (m['event'] !== 'ACPI_DEVICE_OST' || info?.slot !== String(slot)) return false;
      if (step.op === 'add') return info.source === 1;
      return info.source === 3 && info.status !== 0x84;
    };
    last.push(await g.qmp.waitForEvent(done, scaled(60_000), from));
  }
  const elapsed = performance.now() - started;
  // The pauses all end before the guest's last answer (it is paused too): not the guest's time.
  const elapsedMs = elapsed - ((await pauses?.end()) ?? 0);
  const trace = await traceThrough(g, last);
  if (step.op === 'refuse-del') await g.ok('echo 1 > /sys/firmware/acpi/hotplug/processor/enabled');
  const { view, masks } = await settledView(g, config);
  const vmm = vmmView(config, (await command(g, 'query-hotpluggable-cpus', {})) as HotpluggableEntry[], (await command(g, 'query-cpus-fast', {})) as VmmCpu[]);
  return { label: stepLabel(step), elapsedMs, trace, events: eventsOf(g.qmp.events.slice(from)), errors, view, vmm, masks, dmesg: await g.dmesg() };
}

/**
 * Works around a defect of the RFC V5 QEMU: a vCPU's teardown after unplug is
 * finished later, and while it is pending QEMU crashes (SIGSEGV) now and then, the
 * more often the busier the machine: two removals with a second between them
 * crashed it in 3 of 5 runs on a loaded machine, and every time with QEMU pinned to
 * one core. Pausing the VM at once after each DEVICE_DELETED, for a second, avoided
 * it in 26 of 26 runs (8 of them on a loaded machine): the guest cannot tell (its
 * clock stops too) and handles its Eject Requests as always, whether one event
 * brought one or several.
 */
function pauseAfterEachRemoval(g: LinuxGuest): { end(): Promise<number> } {
  const pauses: Promise<unknown>[] = [];
  let pausedMs = 0;
  const unhook = g.qmp.onEvent((e) => {
    if (e['event'] !== 'DEVICE_DELETED') return;
    // execute() writes now, in this event's callback, and keeps its reply in order
    // with the plan's own commands.
    // A failure (QEMU gone) is kept for end(), never left unhandled.
    const t0 = performance.now();
    const pause = g.qmp.execute('stop')
      .then(() => new Promise((r) => setTimeout(r, scaled(1_000))))
      .then(() => g.qmp.execute('cont'))
      .then(() => void (pausedMs += performance.now() - t0));
    pauses.push(pause.then(() => undefined, (err: unknown) => err));
  });
  // The next step starts only once every pause is over; end() says how long they were.
  return {
    end: async () => {
      unhook();
      const failed = (await Promise.all(pauses)).find((r) => r !== undefined);
      if (failed !== undefined) throw failed;
      return pausedMs;
    },
  };
}

/**
 * The step's trace lines, up to the trace point of each final _OST status write.
 * QEMU sends ACPI_DEVICE_OST before it traces the write, so the event can arrive
 * before the line is in the trace file: read until every such line is there.
 */
async function traceThrough(g: LinuxGuest, finals: readonly QmpMessage[]): Promise<string[]> {
  const want = finals.map((m) => {
    const info = (m['data'] as { info: { slot: string; status: number } }).info;
    return `cpuhp_acpi_write_ost_status idx[0x${Number(info.slot).toString(16)}] OST STATUS: 0x${info.status.toString(16)}`;
  });
  const lines: string[] = [];
  const deadline = Date.now() + scaled(10_000);
  for (;;) {
    lines.push(...g.takeTrace());
    if (want.every((w) => lines.includes(w))) return lines;
    if (Date.now() > deadline) throw new Error(`trace: no ${want.filter((w) => !lines.includes(w)).join(', ')} after the event`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function command(g: LinuxGuest, cmd: string, args: Record<string, unknown>): Promise<unknown> {
  const r = await g.qmp.execute(cmd, args);
  if (!('return' in r)) throw new Error(`${cmd} ${JSON.stringify(args)}: ${JSON.stringify(r['error'])}`);
  return r['return'];
}

/** Parses a cpulist ("0-2,5") into numbers. */
export function cpuList(text: string): number[] {
  if (text === '' || text === 'none') return [];
  return text.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
  });
}

interface GuestState {
  /** The CPU masks the kernel has (a kernel without `enabled`, before 6.10, has no such key). */
  readonly masks: Record<string, number[]>;
  /** _STA per slot, of the processor objects Linux made ACPI devices of. */
  readonly sta: Map<number, number>;
  /** The logical CPU bound to each slot's processor object. */
  readonly cpuOfSlot: Map<number, number>;
}

/** One reading of init.sh's cpuhp_state. A processor object's slot is its _UID, else its name's number (CXXX, hex). */
async function guestState(g: LinuxGuest): Promise<GuestState> {
  const lines = await g.ok('cpuhp_state');
  const masks: Record<string, number[]> = {};
  for (const [, k, v] of lines[0]!.matchAll(/(\w+)=(\S*)/g)) if (v !== 'none') masks[k!] = cpuList(v!);
  const sta = new Map<number, number>();
  const cpuOfSlot = new Map<number, number>();
  for (const l of lines.slice(1)) {
    const m = /\.C([0-9A-F]{3}) uid=(\S+) sta=(\d+) cpu=(\S+)/.exec(l);
    if (!m) continue;
    const slot = m[2] === '-' ? parseInt(m[1]!, 16) : Number(m[2]);
    sta.set(slot, Number(m[3]));
    if (m[4]!.startsWith('cpu')) cpuOfSlot.set(slot, Number(m[4]!.slice(3)));
  }
  return { masks, sta, cpuOfSlot };
}

/**
 * The guest's view once userspace has caught up (the uevent rule onlines a CPU
 * after the kernel registered it): read until online equals enabled (present on
 * a kernel without `enabled`), bounded.
 */
async function settledView(g: LinuxGuest, config: MachineConfig): Promise<{ view: SlotView[]; masks: Record<string, number[]> }> {
  const deadline = Date.now() + scaled(30_000);
  const x86 = config.type.arch === 'x86_64';
  for (;;) {
    const { masks, sta, cpuOfSlot } = await guestState(g);
    const settled = (masks['online'] ?? []).join() === (masks['enabled'] ?? masks['present'] ?? []).join();
    if (settled || Date.now() > deadline) {
      const apic = x86 ? apicIds(await g.ok('cpuhp_apic_ids')) : new Map<number, number>();
      const has = (k: string, n: number | undefined) => n !== undefined && (masks[k] ?? []).includes(n);
      const view = config.cpus.map((c): SlotView => {
        // Linux numbers arm64 CPUs in MADT (slot) order, so logical CPU N is slot N; an
        // x86 CPU gets its number when its APIC id is first seen (boot or hot-add).
        const cpu = x86 ? cpuOfSlot.get(c.index) : c.index;
        const apicId = cpu === undefined ? undefined : apic.get(cpu);
        return {
          slot: c.index,
          present: has('present', cpu),
          enabled: has(masks['enabled'] ? 'enabled' : 'present', cpu),
          online: has('online', cpu),
          sta: sta.get(c.index) ?? -1,
          ...(apicId !== undefined ? { apicId } : {}),
        };
      });
      return { view, masks };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** init.sh's cpuhp_apic_ids ("cpu1 apic=2" per online CPU) as logical CPU → APIC id. */
function apicIds(lines: readonly string[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const l of lines) {
    const m = /^cpu(\d+) apic=(\d+)$/.exec(l);
    if (m) out.set(Number(m[1]), Number(m[2]));
  }
  return out;
}
