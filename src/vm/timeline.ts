// The readable form of a VM's event stream, as `cpuhp run` and `cpuhp scenario`
// print it: the guest's kernel log as dmesg shows it, and one line per step of a
// hot-plug (interrupt, GPE, Notify, _STA, _OST, QMP event), so a VMM developer can
// follow a hot-add or hot-remove without a debugger.
import { formatTraceEvent } from '../hotplug/index.ts';
import { formatLogLine } from '../guest/events.ts';
import type { VmEvent } from './vm.ts';

const NOTIFY_NAMES: Record<number, string> = { 0: 'Bus Check', 1: 'Device Check', 3: 'Eject Request' };
const OST_NAMES: Record<number, string> = {
  0x00: 'success', 0x01: 'failure', 0x80: 'eject not supported', 0x81: 'device in use', 0x82: 'device busy', 0x84: 'eject in progress',
};

export interface TimelineOptions {
  /** Also print register accesses and QEMU-style cpuhp_* trace lines. */
  readonly trace?: boolean;
}

const label = (name: string | undefined) => (name ? ` ${name}` : '');
const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;

/** One line for an event, or undefined for events not shown at this level. */
export function formatVmEvent(e: VmEvent, options: TimelineOptions = {}): string | undefined {
  switch (e.type) {
    case 'guest': {
      const g = e.event;
      switch (g.type) {
        case 'log': return formatLogLine(e.time, g.text);
        case 'interrupt': return `  guest: interrupt ${g.line} (${g.source === 'sci' ? 'SCI' : 'GED'})`;
        case 'gpe': return `  guest: GPE ${g.gpe} -> ${g.method}`;
        case 'notify': return `  guest: Notify(${g.path}, ${g.value}${label(NOTIFY_NAMES[g.value])})`;
        case 'sta': return `  guest: ${g.path}._STA = ${hex(g.value)}`;
        case 'ost': return `  guest: ${g.path}._OST(source ${hex(g.source)}, status ${hex(g.status)}${label(OST_NAMES[g.status])})`;
        case 'aml': return options.trace ? `  guest: evaluate ${g.path}(${g.args.join(', ')})` : undefined;
        case 'io': return options.trace ? `  guest: ${g.direction} ${g.space} 0x${g.address.toString(16)} w${g.bitWidth / 8} = 0x${g.value.toString(16)}` : undefined;
        case 'cpu': return undefined; // the kernel log line says it
      }
      return undefined;
    }
    case 'qmp-event': {
      const data = e.data ? ` ${JSON.stringify(e.data)}` : '';
      return `  qmp: event ${e.event}${data}`;
    }
    case 'machine': {
      const m = e.event;
      if (m.type === 'vcpu' && m.action !== 'created') return `  vmm: vCPU slot ${m.index}${m.id ? ` (${m.id})` : ''} ${m.action}`;
      if (m.type === 'trace' && options.trace) return `  trace: ${formatTraceEvent(m.event)}`;
      return undefined;
    }
  }
}
