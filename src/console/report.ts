// `cpuhp scenario FILE --html OUT.html`: the scenario's timeline as the console's
// sequence diagram, and the final slot grid, in one file with everything inlined
// (for bug reports and CI artifacts).
import type { Session, TimelineEntry } from '../scenario/index.ts';
import { formatMachineEvent } from '../vm/index.ts';
import { pageHtml } from './page-html.ts';
import type { Group, ReportData, Step } from './protocol.ts';
import { StepRecorder } from './recorder.ts';
import { machineView, SlotReader } from './slots.ts';

/** Collects a scenario's steps as it runs; `report()` then gives the page's data. */
export class ScenarioReport {
  private readonly steps: Step[] = [];
  private readonly groups: Group[] = [];
  private recorder: StepRecorder | undefined;

  constructor(private readonly title: string) {}

  /** The scenario's session, as soon as it exists (before any entry). */
  start(session: Session): void {
    this.recorder = new StepRecorder(() => session.machine, {
      step: (s) => this.steps.push(s),
      group: (g) => this.groups.push(g),
      touch: () => {},
    });
  }

  entry(e: TimelineEntry): void {
    const r = this.recorder;
    if (!r) throw new Error('ScenarioReport.entry before start');
    switch (e.kind) {
      case 'guest':
        return r.guest(e.event, e.time);
      case 'vmm':
        if (e.event.type === 'qmp-event') return r.qmpEvent(e.event.event, e.event.data, e.time, formatMachineEvent(e.event)!);
        return r.machine(e.event, e.time);
      case 'step': {
        if (e.comment) r.note(`# ${e.comment}`, e.time);
        const [kind, id] = e.text.split(' ');
        const request = kind === 'device_add' || kind === 'device_del' ? { kind, ...(kind === 'device_del' && id ? { id } : {}) } : undefined;
        return r.note(`>>> ${e.where}: ${e.text}`, e.time, request);
      }
      case 'check':
        return r.note(`<<< ${e.text}`, e.time);
    }
  }

  /** The report's data: every step, the hot-plugs, the grid as the scenario left it. */
  data(session: Session, status: string): ReportData {
    this.recorder?.flush();
    const slots = new SlotReader(() => session.machine, () => session.guest, this.recorder?.sta ?? new Map());
    return { title: this.title, machine: machineView(session.machine), slots: slots.all(), groups: this.groups, steps: this.steps, status };
  }

  html(bundle: string, session: Session, status: string): string {
    return pageHtml(bundle, this.title, this.data(session, status));
  }
}
