// The timeline as text: dmesg-style lines stamped with the guest's virtual time,
// the guest's view (interrupts, Notify, _STA, _OST, kernel messages) beside the
// VMM's (requests, vCPUs, IRQs, QMP events), and a summary at the end.
import { formatLogLine } from '../guest/index.ts';
import { formatGuestEvent, formatMachineEvent, type TimelineDetail } from '../vm/index.ts';
import type { ScenarioResult } from './runner.ts';
import type { Scenario } from './schema.ts';
import type { TimelineEntry } from './session.ts';

export interface PrintDetail extends TimelineDetail {
  /** Summary only. */
  readonly quiet: boolean;
}

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
      text = formatGuestEvent(e.event, d);
      break;
    case 'vmm':
      text = formatMachineEvent(e.event, d);
      break;
  }
  return text === undefined ? undefined : formatLogLine(e.time, text);
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
