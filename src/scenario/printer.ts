// The timeline as text: dmesg-style lines stamped with the guest's virtual time,
// the guest's view (interrupts, Notify, _STA, _OST, kernel messages) beside the
// VMM's (requests, vCPUs, IRQs, QMP events), and a summary at the end.
import { formatLogLine, type GuestEvent } from '../guest/events.ts';
import { formatTraceEvent } from '../hotplug/index.ts';
import type { MachineEvent } from '../machine/machine.ts';
import type { ScenarioResult } from './runner.ts';
import type { Scenario } from './schema.ts';
import type { TimelineEntry } from './session.ts';

export interface PrintDetail {
  /** Summary only. */
  readonly quiet: boolean;
  /** Also every AML evaluation, the controller's QEMU-style trace points and debug messages. */
  readonly trace: boolean;
  /** Also every register access the guest makes. */
  readonly io: boolean;
}

const NOTIFY_NAMES: Readonly<Record<number, string>> = { 0: 'Bus Check', 1: 'Device Check', 3: 'Eject Request' };
const OST_STATUS: Readonly<Record<number, string>> = {
  0x00: 'success', 0x01: 'non-specific failure', 0x80: 'ejection not supported', 0x81: 'device in use',
  0x82: 'device busy', 0x83: 'dependency busy', 0x84: 'ejection in progress',
};
const hex = (n: number | bigint, width = 0) => `0x${n.toString(16).padStart(width, '0')}`;

/** The line for one entry, or undefined when this level of detail leaves it out. */
export function formatEntry(e: TimelineEntry, d: PrintDetail): string | undefined {
  if (d.quiet) return undefined;
  let text: string | undefined;
  switch (e.kind) {
    case 'step':
      return `${e.comment ? `${formatLogLine(e.time, `# ${e.comment}`)}\n` : ''}${formatLogLine(e.time, `>>> ${e.where}: ${e.text}`)}`;
    case 'check':
      text = `<<< ${e.text}`;
      break;
    case 'guest':
      text = guestLine(e.event, d);
      break;
    case 'vmm':
      text = vmmLine(e.event, d);
      break;
  }
  return text === undefined ? undefined : formatLogLine(e.time, text);
}

function guestLine(e: GuestEvent, d: PrintDetail): string | undefined {
  switch (e.type) {
    case 'log':
      return e.level === 'debug' && !d.trace ? undefined : e.text;
    case 'interrupt':
      return e.source === 'sci' ? `ACPI: SCI (IRQ ${e.line})` : `ACPI: GED interrupt ${e.line}`;
    case 'gpe':
      return `ACPI: GPE ${hex(e.gpe, 2)} -> ${e.method}`;
    case 'notify':
      return `ACPI: Notify(${e.path}, ${hex(e.value)}) ${NOTIFY_NAMES[e.value] ?? ''}`.trimEnd();
    case 'sta':
      return `ACPI: ${e.path}._STA = ${hex(e.value, 2)}`;
    case 'ost':
      return `ACPI: ${e.path}._OST(${hex(e.source)}, ${hex(e.status)}) ${NOTIFY_NAMES[e.source] ?? ''}: ${OST_STATUS[e.status] ?? 'reserved'}`;
    case 'aml':
      // _EJ0 is a milestone of every hot-remove (Linux: "Ejecting" at debug level); the rest is detail.
      if (e.path.endsWith('._EJ0')) return `ACPI: ${e.path.slice(0, -5)}: Ejecting`;
      return d.trace ? `AML: ${e.path}(${e.args.join(', ')})` : undefined;
    case 'io':
      return d.io ? `io: ${e.direction === 'read' ? 'read ' : 'write'} ${e.space} ${hex(e.address)}/${e.bitWidth / 8} ${e.direction === 'read' ? '->' : '<-'} ${hex(e.value)}` : undefined;
    case 'cpu':
      return undefined; // the kernel's own log lines say it
  }
}

function vmmLine(e: MachineEvent, d: PrintDetail): string | undefined {
  switch (e.type) {
    case 'qmp-event':
      return `QMP: {"event": "${e.event}", "data": ${JSON.stringify(e.data)}}`;
    case 'irq':
      // Rising edges only: a GED pulse or the SCI going high is what the guest reacts to.
      return e.level ? `VMM: IRQ ${e.line} raised` : undefined;
    case 'vcpu':
      return `VMM: vCPU ${e.index} ${e.action}${e.id ? ` (${e.id})` : ''}`;
    case 'trace':
      return d.trace ? `VMM trace: ${formatTraceEvent(e.event)}` : undefined;
    case 'bus':
      return undefined; // the guest's io lines show the same accesses
  }
}

/** The summary block: what ran, what the guest and the VMM ended with, the totals. */
export function formatSummary(file: string, s: Scenario, r: ScenarioResult): string[] {
  const { session, steps, checks } = r;
  const c = session.counters;
  const online = session.guest.cpus().filter((x) => x.online).map((x) => x.cpu);
  const vmm = session.machine.cpusFast().map((x) => x['cpu-index']).sort((a, b) => a - b);
  const qmp = [...c.qmpEvents].map(([k, v]) => `${v} ${k}`).join(', ') || 'none';
  const t = s.config.topology;
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;
  return [
    `scenario ${file}: passed`,
    `  machine:   ${s.config.type.name} -smp ${t.cpus},maxcpus=${t.maxCpus}${c.migrations ? `, now ${session.machine.config.type.name} after ${c.migrations} migration${c.migrations === 1 ? '' : 's'}` : ''}`,
    `  steps:     ${steps} (${n(checks, 'check')} passed), ${n(c.guestSteps, 'guest step')}, ${(session.time / 1e6).toFixed(6)} s virtual`,
    `  guest:     ${n(c.interrupts, 'interrupt')}, ${n(c.deviceChecks, 'Device Check')}, ${n(c.ejectRequests, 'Eject Request')}, ${c.ost} _OST; online CPUs [${online.join(',')}]`,
    `  VMM:       vCPUs [${vmm.join(',')}]; QMP events: ${qmp}; ${c.hotplugAccesses} hot-plug register accesses`,
  ];
}
