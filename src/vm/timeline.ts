// The readable form of what a VM does, shared by `cpuhp run` and `cpuhp scenario`:
// the guest's kernel log as dmesg prints it, and one line per step of a hot-plug
// (interrupt, GPE, Notify, _STA, _OST, _EJ0) on the guest side and per request,
// vCPU change, interrupt and QMP event on the VMM side, all stamped with the
// guest's virtual time, so a VMM developer can follow a hot-add or hot-remove.
import { formatLogLine, type GuestEvent } from '../guest/index.ts';
import { formatTraceEvent } from '../hotplug/index.ts';
import type { MachineEvent } from '../machine/index.ts';
import type { VmEvent } from './vm.ts';

export interface TimelineDetail {
  /** Also every AML evaluation, the controller's QEMU-style trace points and debug messages. */
  readonly trace?: boolean;
  /** Also every register access the guest makes. */
  readonly io?: boolean;
}

const NOTIFY_NAMES: Readonly<Record<number, string>> = { 0: 'Bus Check', 1: 'Device Check', 3: 'Eject Request' };
const OST_STATUS: Readonly<Record<number, string>> = {
  0x00: 'success', 0x01: 'non-specific failure', 0x80: 'ejection not supported', 0x81: 'device in use',
  0x82: 'device busy', 0x83: 'dependency busy', 0x84: 'ejection in progress',
};
const hex = (n: number | bigint, width = 0) => `0x${n.toString(16).padStart(width, '0')}`;

/** The text for a guest event, or undefined when this level of detail leaves it out. */
export function formatGuestEvent(e: GuestEvent, d: TimelineDetail = {}): string | undefined {
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

/** The text for a machine event, or undefined when this level of detail leaves it out. */
export function formatMachineEvent(e: MachineEvent, d: TimelineDetail = {}): string | undefined {
  switch (e.type) {
    case 'qmp-event':
      return `QMP: {"event": "${e.event}", "data": ${JSON.stringify(e.data)}}`;
    case 'irq':
      // Rising edges only: a GED pulse or the SCI going high is what the guest reacts to.
      return e.level ? `VMM: IRQ ${e.line} raised` : undefined;
    case 'vcpu':
      return e.action === 'created' ? undefined : `VMM: vCPU ${e.index} ${e.action}${e.id ? ` (${e.id})` : ''}`;
    case 'trace':
      return d.trace ? `VMM trace: ${formatTraceEvent(e.event)}` : undefined;
    case 'bus':
      return undefined; // the guest's io lines show the same accesses
  }
}

/** The line for a QMP event of the VM's (run-state changes and the machine's own). */
export function formatQmpEvent(event: string, data?: Record<string, unknown>): string {
  return `QMP: {"event": "${event}"${data ? `, "data": ${JSON.stringify(data)}` : ''}}`;
}

/**
 * One stamped line for a VM event, or undefined. Machine events are stamped with
 * the guest's time when they happen (`now`); run-state events (STOP, RESUME...)
 * are QMP events of the VM itself.
 */
export function formatVmEvent(e: VmEvent, now: number, d: TimelineDetail = {}): string | undefined {
  let text: string | undefined;
  let time = now;
  if (e.type === 'guest') {
    text = formatGuestEvent(e.event, d);
    time = e.time;
  } else if (e.type === 'machine') {
    // The machine's QMP events come through as their own VmEvent below.
    text = e.event.type === 'qmp-event' ? undefined : formatMachineEvent(e.event, d);
  } else {
    text = formatQmpEvent(e.event, e.data);
  }
  return text === undefined ? undefined : formatLogLine(time, text);
}
