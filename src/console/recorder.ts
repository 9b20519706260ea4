// Turns what a VM (or a scenario's machine and guest) reports into the console's
// steps: one arrow per step between the lanes QMP client → VMM → register block →
// AML → guest driver, each with the text timeline's own line, the slot it concerns
// and the hot-plug it belongs to. Source-agnostic: `cpuhp run --console` feeds it
// Vm.on events, `cpuhp scenario --html` the scenario's timeline entries.
import type { GuestEvent } from '../guest/index.ts';
import { formatTraceEvent, type TraceEvent } from '../hotplug/index.ts';
import type { Machine, MachineEvent } from '../machine/index.ts';
import type { QmpReply } from '../qmp/index.ts';
import { formatGuestEvent, formatMachineEvent } from '../vm/index.ts';
import type { Group, Step, StepLevel } from './protocol.ts';
import { hotplugRegister } from './registers.ts';

/**
 * A rescan reads _STA of every processor (Linux's acpi_bus_scan below the
 * container): 4096 evaluations per hot-add at maxcpus=4096, each with its method
 * call and register accesses. More than this many _STA reads in a row become one
 * step that lists what changed, so a page can follow thousands of hot-adds; the
 * grid still gets every value.
 */
export const RESCAN_STEP_LIMIT = 16;

/** Methods the OSPM calls itself (the rest are called from AML). */
const OSPM_METHODS = new Set(['_STA', '_OST', '_EJ0', '_MAT', '_EVT', '_INI', '_PXM']);
const OST_IN_PROGRESS = 0x84;
const NOTIFY = ['Bus Check', 'Device Check', 'Device Wake', 'Eject Request'];

/** The slot of a processor object path: the inverse of cpuObjectName (src/hotplug/aml.ts), C001 → 1. */
export function slotOfPath(path: string): number | undefined {
  const m = /(?:^|[.\\])C([0-9A-F]{3})(?:\.[A-Z0-9_]{1,4})?$/.exec(path);
  return m ? parseInt(m[1]!, 16) : undefined;
}

const hex = (n: number | bigint, width = 0) => `0x${n.toString(16).padStart(width, '0')}`;

type Draft = Omit<Step, 'seq' | 'level' | 'text'> & { level?: StepLevel; text?: string };

/** A _STA read of a rescan, with the detail steps (method call, register accesses) that led to it. */
interface RescanRead {
  readonly path: string;
  readonly value: number;
  readonly time: number;
  readonly details: readonly (() => void)[];
}

export interface RecorderSink {
  step(step: Step): void;
  group(group: Group): void;
  /** A slot's state may have changed. */
  touch(slot: number): void;
}

export class StepRecorder {
  private seq = 0;
  private groupCount = 0;
  private readonly groupOfSlot = new Map<number, number>();
  /** The slot the latest attributed event concerned: steps without a slot of their own go with it. */
  private current: number | undefined;
  /** The last _STA the guest read for each slot. */
  readonly sta = new Map<number, number>();
  /** Detail steps waiting to see whether a rescan follows (emitted in order either way). */
  private held: (() => void)[] = [];
  private rescan: RescanRead[] = [];
  /** The guest's last answer to the hot-plug in progress came: it ends at the next step proper. */
  private ending = false;
  /** A device_add whose slot is known only once the VMM plugs it. */
  private pendingAdd: Step | undefined;

  constructor(
    private readonly currentMachine: () => Machine,
    private readonly sink: RecorderSink,
  ) {}

  get lastSeq(): number {
    return this.seq;
  }

  // -- inputs ---------------------------------------------------------------------

  guest(e: GuestEvent, time: number): void {
    switch (e.type) {
      case 'sta': {
        const slot = slotOfPath(e.path);
        if (slot !== undefined) {
          this.sta.set(slot, e.value);
          this.sink.touch(slot);
        }
        this.rescan.push({ path: e.path, value: e.value, time, details: this.held });
        this.held = [];
        return;
      }
      case 'cpu': {
        const slot = slotOfPath(e.path);
        if (slot !== undefined) this.sink.touch(slot);
        return; // the kernel's log line says it
      }
      case 'io': {
        // Built only if shown: a folded rescan drops thousands of these per hot-add.
        const legacy = this.currentMachine().controller.mode === 'legacy';
        this.hold(() => this.push(this.ioStep(e, time, legacy)));
        return;
      }
      case 'aml':
        if (!e.path.endsWith('._EJ0')) {
          this.hold(() => this.push(this.amlStep(e, time)));
          return;
        }
    }
    const full = formatGuestEvent(e, { trace: true, io: true });
    const level: StepLevel = formatGuestEvent(e) !== undefined ? 'step' : 'trace';
    if (full === undefined) return;
    const base = { time, text: full, level };
    switch (e.type) {
      case 'aml': {
        // _EJ0: the guest ejects the vCPU.
        const slot = slotOfPath(e.path.slice(0, -5));
        this.emit({ ...base, from: 'guest', to: 'aml', label: `${e.path}(${e.args.join(', ')})`, ...(slot !== undefined ? { slot } : {}), detail: { method: e.path, arguments: e.args.join(', ') } });
        return;
      }
      case 'interrupt':
        this.emit({ ...base, from: 'guest', to: 'guest', label: e.source === 'sci' ? `SCI (IRQ ${e.line})` : `GED interrupt ${e.line}`, detail: { line: e.line, source: e.source } });
        return;
      case 'gpe':
        this.emit({ ...base, from: 'guest', to: 'aml', label: `GPE ${hex(e.gpe, 2)} → ${e.method}`, detail: { gpe: hex(e.gpe, 2), method: e.method } });
        return;
      case 'notify': {
        const slot = slotOfPath(e.path);
        this.emit({ ...base, from: 'aml', to: 'guest', label: `Notify(${e.path.slice(e.path.lastIndexOf('.') + 1)}, ${NOTIFY[e.value] ?? hex(e.value)})`, ...(slot !== undefined ? { slot } : {}), detail: { object: e.path, value: hex(e.value), meaning: NOTIFY[e.value] ?? 'other' } });
        return;
      }
      case 'ost': {
        const slot = slotOfPath(e.path);
        this.emit({ ...base, from: 'guest', to: 'aml', label: `_OST(${hex(e.source)}, ${hex(e.status)})`, ...(slot !== undefined ? { slot } : {}), detail: { object: e.path, method: `${e.path}._OST`, source: `${hex(e.source)} ${NOTIFY[e.source] ?? ''}`.trim(), status: hex(e.status) } });
        return;
      }
      case 'log':
        this.emit({ ...base, from: 'guest', to: 'guest', label: e.text, detail: { level: e.level, message: e.text } });
        return;
    }
  }

  /** A register access: named when it is the hot-plug block's. */
  private ioStep(e: Extract<GuestEvent, { type: 'io' }>, time: number, legacy: boolean): Draft & { text: string; level: StepLevel } {
    const write = e.direction === 'write';
    const reg = hotplugRegister(this.currentMachine().config, legacy, e.space, e.address, write);
    const common = { time, text: formatGuestEvent(e, { io: true })!, level: 'io' as const };
    const arrow = write ? '←' : '→';
    return reg
      ? { ...common, from: 'aml', to: 'regs', label: `${write ? 'write' : 'read'} ${reg.name} ${arrow} ${hex(e.value)}`,
          detail: { access: e.direction, register: reg.name, offset: hex(reg.offset), address: hex(e.address), width: e.bitWidth / 8, value: hex(e.value), space: e.space } }
      : { ...common, from: 'guest', to: 'vmm', label: `${e.direction} ${e.space} ${hex(e.address)} ${arrow} ${hex(e.value)}`,
          detail: { access: e.direction, address: hex(e.address), width: e.bitWidth / 8, value: hex(e.value), space: e.space } };
  }

  /** A method call: by the OSPM (_STA, _OST, the GPE handler...) or by AML. */
  private amlStep(e: Extract<GuestEvent, { type: 'aml' }>, time: number): Draft & { text: string; level: StepLevel } {
    const method = e.path.slice(e.path.lastIndexOf('.') + 1);
    const byOspm = OSPM_METHODS.has(method) || e.path.startsWith('\\_GPE.');
    const slot = slotOfPath(e.path.slice(0, e.path.lastIndexOf('.')));
    return {
      time, from: byOspm ? 'guest' : 'aml', to: 'aml', label: `${e.path}(${e.args.join(', ')})`, text: formatGuestEvent(e, { trace: true })!, level: 'trace',
      ...(slot !== undefined ? { slot } : {}), detail: { method: e.path, arguments: e.args.join(', ') || '(none)' },
    };
  }

  /** A machine event (its QMP events come through qmpEvent, as Vm.on reports them). */
  machine(e: MachineEvent, time: number): void {
    if (e.type === 'qmp-event' || e.type === 'bus') return;
    if (e.type === 'vcpu') {
      this.sink.touch(e.index);
      if (e.action === 'created') return;
      if (e.action === 'enabled') this.open(e.index, 'hot-add', `hot-add of slot ${e.index}${e.id ? ` (${e.id})` : ''}`);
    }
    if (e.type === 'trace') {
      const event = e.event;
      this.hold(() => this.push(this.traceStep(event, time)));
      return;
    }
    const full = formatMachineEvent(e, { trace: true, io: true });
    if (full === undefined) return;
    const level: StepLevel = formatMachineEvent(e) !== undefined ? 'step' : 'trace';
    if (e.type === 'vcpu') {
      this.emit({ time, from: 'vmm', to: 'vmm', label: `vCPU ${e.index} ${e.action}`, text: full, level, slot: e.index, detail: { slot: e.index, action: e.action, ...(e.id ? { id: e.id } : {}) } });
    } else {
      this.emit({ time, from: 'vmm', to: 'guest', label: `IRQ ${e.line}`, text: full, level, detail: { line: e.line, level: e.level } });
    }
  }

  /** A trace point of the register block: what the access meant to it. */
  private traceStep(event: TraceEvent, time: number): Draft & { text: string; level: StepLevel } {
    const args = event as unknown as Record<string, number | boolean>;
    const slot = typeof args['idx'] === 'number' ? args['idx'] : typeof args['slot'] === 'number' ? args['slot'] : undefined;
    const detail: Record<string, string | number | boolean> = { trace: event.name };
    for (const [k, v] of Object.entries(args)) if (k !== 'name') detail[k] = typeof v === 'number' ? hex(v) : v;
    const line = formatTraceEvent(event);
    return {
      time, from: 'regs', to: 'regs', label: line.replace(/^cpuhp_acpi_/, ''), text: formatMachineEvent({ type: 'trace', event }, { trace: true })!, level: 'trace',
      ...(slot !== undefined && slot < this.currentMachine().config.cpus.length ? { slot } : {}), detail,
    };
  }

  /** A QMP event, with the text timeline's line for it. */
  qmpEvent(event: string, data: Record<string, unknown> | undefined, time: number, text: string): void {
    const info = (data?.['info'] ?? {}) as Record<string, unknown>;
    const slot = typeof info['slot'] === 'string' && /^\d+$/.test(info['slot']) ? Number(info['slot']) : this.slotOfDevice(info['device'] ?? data?.['device']);
    this.emit({ time, from: 'vmm', to: 'qmp', label: event, text, level: 'step', ...(slot !== undefined ? { slot } : {}), detail: { event, data: JSON.stringify(data ?? {}) } });
    // The guest's last answer ends the hot-plug (0x84, "ejection in progress", is not one).
    if (event === 'ACPI_DEVICE_OST' && info['status'] !== OST_IN_PROGRESS) this.ending = true;
  }

  /** A QMP command from a client: device_add's group opens once the VMM has plugged the vCPU. */
  qmpRequest(command: string, args: Record<string, unknown>, time: number, who: string): void {
    if (command === 'device_del') this.openRemove(args['id']);
    const step = this.emit({ time, from: 'qmp', to: 'vmm', label: command, text: `QMP ${who}: ${JSON.stringify({ execute: command, arguments: args })}`, level: 'step', detail: { command, arguments: JSON.stringify(args), client: who } });
    if (command === 'device_add') this.pendingAdd = step;
  }

  qmpReply(command: string, reply: QmpReply, time: number, who: string): void {
    this.pendingAdd = undefined;
    const label = 'error' in reply ? `error: ${reply.error.desc}` : `${command}: ok`;
    this.emit({ time, from: 'vmm', to: 'qmp', label, text: `QMP ${who} <- ${JSON.stringify(reply)}`, level: 'step', detail: { command, ...('error' in reply ? { class: reply.error.class, desc: reply.error.desc } : { return: JSON.stringify(reply.return ?? {}) }) } });
  }

  /** A line of a scenario's own (its steps, their checks, comments): a note on the client's lane. */
  note(text: string, time: number, request?: { kind: string; id?: string }): void {
    if (request?.kind === 'device_del') this.openRemove(request.id);
    const step = this.emit({ time, from: 'qmp', to: request ? 'vmm' : 'qmp', label: text.replace(/^(>>> |<<< )/, ''), text, level: 'step', detail: { note: text } });
    if (request?.kind === 'device_add') this.pendingAdd = step;
  }

  /** Emits what is held: call before the steps are sent, so none waits for the next event. */
  flush(): void {
    this.endRescan();
    const held = this.held;
    this.held = [];
    for (const f of held) f();
  }

  // -- grouping ---------------------------------------------------------------------

  private openRemove(id: unknown): void {
    const slot = this.slotOfDevice(id);
    if (slot !== undefined) this.open(slot, 'hot-remove', `hot-remove of slot ${slot} (${String(id)})`);
  }

  /** The slot of a device id or QOM path, while its vCPU is plugged. */
  private slotOfDevice(id: unknown): number | undefined {
    if (typeof id !== 'string') return undefined;
    const m = this.currentMachine();
    const path = id.startsWith('/') ? id : `/machine/peripheral/${id}`;
    return m.config.cpus.find((c) => {
      const v = m.vcpu(c.index);
      return v?.enabled && (v.id === id || v.qomPath === path);
    })?.index;
  }

  private open(slot: number, kind: Group['kind'], title: string): void {
    this.flush();
    const id = ++this.groupCount;
    this.groupOfSlot.set(slot, id);
    this.current = slot;
    this.ending = false;
    // The request that started it is its first step.
    const first = kind === 'hot-add' && this.pendingAdd ? this.pendingAdd : undefined;
    if (first) {
      first.slot = slot;
      first.group = id;
    }
    this.pendingAdd = undefined;
    this.sink.group({ id, slot, kind, title, seq: first ? first.seq : this.seq + 1 });
  }

  // -- output -------------------------------------------------------------------------

  private hold(f: () => void): void {
    this.held.push(f);
  }

  private emit(d: Draft & { text: string; level: StepLevel }): Step {
    this.endRescan();
    if (this.held.length > 0) {
      const held = this.held;
      this.held = [];
      for (const f of held) f();
    }
    return this.push(d);
  }

  /**
   * A step goes with its slot's hot-plug; a step of a slot with none (the rescan
   * reads every processor's _STA), or of no slot, goes with the hot-plug in
   * progress. The VMM's ACPI_DEVICE_OST with a final status ends that (see `ending`).
   */
  private push(d: Draft & { text: string; level: StepLevel }): Step {
    // The _OST method's last register accesses still belong to it; the next step proper does not.
    if (this.ending && d.level === 'step') {
      this.ending = false;
      this.current = undefined;
    }
    let group = d.slot !== undefined ? this.groupOfSlot.get(d.slot) : undefined;
    if (group !== undefined) this.current = d.slot;
    else if (this.current !== undefined) group = this.groupOfSlot.get(this.current);
    const step: Step = { ...d, seq: ++this.seq, ...(group !== undefined ? { group } : {}) };
    this.sink.step(step);
    return step;
  }

  /** Emits the _STA reads seen so far: one by one, or as one step when a whole rescan went by. */
  private endRescan(): void {
    const reads = this.rescan;
    if (reads.length === 0) return;
    this.rescan = [];
    if (reads.length <= RESCAN_STEP_LIMIT) {
      for (const r of reads) {
        for (const f of r.details) f();
        this.pushSta(r);
      }
      return;
    }
    const counts = new Map<number, number>();
    for (const r of reads) counts.set(r.value, (counts.get(r.value) ?? 0) + 1);
    const values = [...counts].map(([v, n]) => `${n} × ${hex(v, 2)}`).join(', ');
    const first = reads[0]!;
    const last = reads[reads.length - 1]!;
    const text = `ACPI: _STA of ${reads.length} processors, ${first.path} .. ${last.path}: ${values}`;
    this.push({
      time: first.time, from: 'aml', to: 'guest', label: `_STA × ${reads.length}: ${values}`, text, level: 'step',
      detail: { reads: reads.length, first: first.path, last: last.path, values, detailSteps: reads.reduce((n, r) => n + r.details.length, 0) },
    });
  }

  private pushSta(r: RescanRead): void {
    const slot = slotOfPath(r.path);
    const text = formatGuestEvent({ type: 'sta', path: r.path, value: r.value })!;
    this.push({ time: r.time, from: 'aml', to: 'guest', label: `_STA = ${hex(r.value, 2)}`, text, level: 'step', ...(slot !== undefined ? { slot } : {}), detail: { object: r.path, method: `${r.path}._STA`, value: hex(r.value, 2) } });
  }
}
