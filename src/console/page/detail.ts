// The detail pane: everything about the selected step (register offsets and
// values, the AML method and its arguments, the QMP message) or slot.
import { LANES, type Group, type SlotView, type Step } from '../protocol.ts';
import { guestTime, h, hex2 } from './dom.ts';

const laneTitle = (id: string) => LANES.find((l) => l.id === id)?.title ?? id;

export class DetailPane {
  readonly root = h('section', { class: 'panel detail' }, h('p', { class: 'muted' }, 'Select a step or a slot.'));

  step(s: Step, group: Group | undefined): void {
    const rows: [string, string][] = [
      ['step', `#${s.seq}`],
      ['guest time', guestTime(s.time)],
      ['arrow', `${laneTitle(s.from)} → ${laneTitle(s.to)}`],
      ['timeline line', s.text],
      ...(s.slot !== undefined ? [['slot', String(s.slot)] as [string, string]] : []),
      ...(group ? [['hot-plug', `#${group.id} ${group.title}`] as [string, string]] : []),
      ...Object.entries(s.detail).map(([k, v]) => [k, String(v)] as [string, string]),
    ];
    this.show(s.label, rows);
  }

  slot(s: SlotView, buttons: HTMLElement | undefined): void {
    const rows: [string, string][] = [
      ['arch id', `${hex2(s.archId)} (${s.archId})`],
      ...Object.entries(s.props).map(([k, v]) => [k, String(v)] as [string, string]),
      ['VMM', s.vmm],
      ...(s.id ? [['qdev id', s.id] as [string, string]] : []),
      ...(s.qomPath ? [['QOM path', s.qomPath] as [string, string]] : []),
      ['guest _STA', s.sta !== undefined ? hex2(s.sta) : 'not read yet'],
      ['registered', s.registered ? 'yes' : 'no'],
      ['online', s.online ? 'yes' : 'no'],
    ];
    this.show(`slot ${s.index}`, rows, buttons);
  }

  private show(title: string, rows: [string, string][], extra?: HTMLElement): void {
    this.root.replaceChildren(
      h('h3', {}, title),
      h('table', {}, ...rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v)))),
      extra ?? "",
    );
  }
}
