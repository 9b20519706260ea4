// The slot grid: one cell per possible vCPU, coloured by the VMM's state, with the
// guest's side (_STA, registered, online) beside it. Readable from 8 to 4096 slots:
// zoom changes how much a cell says, the filter and the search pick cells.
import type { SlotView } from '../protocol.ts';
import { h, hex2 } from './dom.ts';

export type SlotAction = (kind: 'plug' | 'unplug', slot: SlotView) => void;

/** Cell widths per zoom level; from level 3 a cell shows its ids and its buttons. */
const CELL_WIDTH = [0, 14, 30, 64, 132, 176];
const DETAILED = 3;

const FILTERS: Record<string, (s: SlotView) => boolean> = {
  all: () => true,
  absent: (s) => s.vmm === 'absent',
  plugged: (s) => s.vmm === 'plugged',
  enabled: (s) => s.vmm === 'enabled',
  removing: (s) => s.vmm === 'removing',
  online: (s) => s.online,
  'enabled, not online': (s) => s.vmm === 'enabled' && !s.online,
};

const shortProps = (p: Readonly<Record<string, number>>) =>
  Object.entries(p).filter(([k]) => k !== 'node-id').map(([k, v]) => `${k.replace(/-id$/, '')[0]}${v}`).join(' ');

/** True when `s` matches the search text: a slot number, an arch id (0x...), a qdev id, or `core-id=3`-style ids. */
export function slotMatches(s: SlotView, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return q.split(/\s+/).every((term) => {
    const kv = /^([a-z-]+)=(\d+)$/.exec(term);
    if (kv) {
      const key = kv[1]!.endsWith('-id') ? kv[1]! : `${kv[1]}-id`;
      return s.props[key] === Number(kv[2]);
    }
    if (/^\d+$/.test(term)) return s.index === Number(term);
    if (/^0x[0-9a-f]+$/.test(term)) return s.archId === parseInt(term, 16);
    return (s.id ?? '').toLowerCase().includes(term) || (s.qomPath ?? '').toLowerCase().includes(term);
  });
}

export class SlotGrid {
  readonly root: HTMLElement;
  private readonly cells: HTMLElement[] = [];
  private readonly body: HTMLElement;
  private readonly count: HTMLElement;
  private zoom = 1;
  private filter = 'all';
  private query = '';
  selected: number | undefined;

  constructor(
    private readonly slots: SlotView[],
    private readonly actions: SlotAction | undefined,
    private readonly onSelect: (slot: number) => void,
  ) {
    const zoom = h('input', { type: 'range', min: 1, max: 5, step: 1, title: 'zoom', 'aria-label': 'zoom', oninput: (e) => this.setZoom(Number((e.target as HTMLInputElement).value)) });
    const filter = h('select', { 'aria-label': 'filter', onchange: (e) => ((this.filter = (e.target as HTMLSelectElement).value), this.apply()) }, ...Object.keys(FILTERS).map((f) => h('option', { value: f }, f)));
    const search = h('input', {
      type: 'search', placeholder: 'search: 12, 0x1a, cpu3, core-id=2', 'aria-label': 'search',
      oninput: (e) => ((this.query = (e.target as HTMLInputElement).value), this.apply()),
      onkeydown: (e) => {
        if ((e as KeyboardEvent).key !== 'Enter') return;
        const first = this.slots.find((s) => s && this.visible(s));
        if (first) this.select(first.index, true);
      },
    });
    this.count = h('span', { class: 'muted' });
    this.body = h('div', { class: 'grid-body' });
    this.root = h('section', { class: 'panel grid' }, h('div', { class: 'toolbar' }, h('b', {}, 'vCPU slots'), zoom, filter, search, this.count), this.body);
    this.zoomInput = zoom;
  }

  private readonly zoomInput: HTMLInputElement;

  /** How many cells there are. */
  get size(): number {
    return this.cells.length;
  }

  /** Builds every cell (once the machine is known); the zoom suits the slot count. */
  build(): void {
    this.body.replaceChildren();
    this.cells.length = 0;
    const n = this.slots.length;
    for (let i = 0; i < n; i++) {
      const cell = h('div', { class: 'cell', 'data-slot': i, onclick: () => this.select(i, false) });
      this.cells.push(cell);
      this.body.append(cell);
    }
    this.setZoom(n <= 16 ? 5 : n <= 64 ? 4 : n <= 300 ? 2 : 1);
  }

  setZoom(z: number): void {
    this.zoom = z;
    this.zoomInput.value = String(z);
    this.body.style.setProperty('--cell', `${CELL_WIDTH[z]}px`);
    this.body.dataset['zoom'] = String(z);
    for (let i = 0; i < this.cells.length; i++) this.update(i);
  }

  private visible(s: SlotView): boolean {
    return FILTERS[this.filter]!(s) && slotMatches(s, this.query);
  }

  private apply(): void {
    let shown = 0;
    this.slots.forEach((s, i) => {
      const v = this.visible(s);
      if (v) shown++;
      this.cells[i]!.hidden = !v;
    });
    this.count.textContent = `${shown} of ${this.slots.length}`;
  }

  select(slot: number, scroll: boolean): void {
    if (this.selected !== undefined) this.cells[this.selected]?.classList.remove('selected');
    this.selected = slot;
    const cell = this.cells[slot];
    cell?.classList.add('selected');
    if (scroll) cell?.scrollIntoView({ block: 'nearest' });
    this.onSelect(slot);
  }

  /** Redraws the cells of `slots` (their views changed). */
  refresh(slots: readonly number[]): void {
    for (const i of slots) this.update(i);
    if (this.filter !== 'all' || this.query !== '') this.apply();
    else this.count.textContent = `${this.slots.length} slots`;
  }

  private update(i: number): void {
    const s = this.slots[i];
    const cell = this.cells[i];
    if (!s || !cell) return;
    cell.className = `cell vmm-${s.vmm}${s.online ? ' online' : ''}${s.registered ? ' registered' : ''}${i === this.selected ? ' selected' : ''}`;
    const guest = `${s.sta !== undefined ? `_STA ${hex2(s.sta)}` : '_STA –'}${s.registered ? ' · registered' : ''}${s.online ? ' · online' : ''}`;
    cell.title = `slot ${i} (arch id ${hex2(s.archId)}, ${shortProps(s.props)})\nVMM: ${s.vmm}${s.id ? ` (${s.id})` : ''}\nguest: ${guest}`;
    cell.dataset['vmm'] = s.vmm;
    cell.dataset['online'] = String(s.online);
    if (this.zoom < DETAILED) {
      cell.textContent = this.zoom >= 2 ? String(i) : '';
      return;
    }
    const button = this.actions && (s.vmm === 'absent' ? 'plug' : s.vmm === 'enabled' || s.vmm === 'plugged' ? 'unplug' : undefined);
    cell.replaceChildren(
      h('div', { class: 'cell-head' }, h('b', {}, `#${i}`), h('span', { class: 'muted' }, hex2(s.archId))),
      this.zoom > DETAILED ? h('div', { class: 'muted' }, shortProps(s.props)) : '',
      h('div', { class: 'vmm' }, `${s.vmm}${s.id && this.zoom > DETAILED ? ` ${s.id}` : ''}`),
      h('div', { class: 'guest' }, this.zoom > DETAILED ? guest : `${s.sta !== undefined ? hex2(s.sta) : '–'}${s.online ? ' on' : ''}`),
      button
        ? h('button', {
            class: `act ${button}`, 'data-action': button, title: `${button} slot ${i}`,
            onclick: (e) => {
              e.stopPropagation();
              this.actions!(button, s);
            },
          }, button === 'plug' ? '+ plug' : '− unplug')
        : '',
    );
  }
}
