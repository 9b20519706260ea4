// The timeline as a sequence diagram: a column per lane (QMP client → VMM →
// register block → AML → guest driver), a row per step with its arrow, time on
// the guest's clock, a header where a hot-plug's steps begin. Only the rows in
// view are in the DOM, so hundreds of thousands of steps scroll smoothly; new
// steps follow at the bottom unless the view is paused or scrolled up.
import { LANES, type Group, type Lane, type Step } from '../protocol.ts';
import { guestTime, h } from './dom.ts';
import type { Store } from './store.ts';

const ROW = 22;
const LANE_INDEX = Object.fromEntries(LANES.map((l, i) => [l.id, i])) as Record<Lane, number>;

type Row = { readonly kind: 'group'; readonly group: Group; readonly step: Step } | { readonly kind: 'step'; readonly step: Step };

export interface TimelineFilter {
  trace: boolean;
  io: boolean;
  group: number | undefined;
  slot: number | undefined;
}

export class Timeline {
  readonly root: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rowsEl: HTMLElement;
  private readonly info: HTMLElement;
  private readonly pauseButton: HTMLButtonElement;
  private rows: Row[] = [];
  /** How many of the store's steps the rows have taken in. */
  private taken = 0;
  private lastGroup: number | undefined;
  paused = false;
  private follow = true;
  private drawScheduled = false;
  readonly filter: TimelineFilter = { trace: true, io: true, group: undefined, slot: undefined };
  selected: number | undefined;

  constructor(
    private readonly store: Store,
    private readonly onSelect: (step: Step) => void,
  ) {
    this.pauseButton = h('button', { onclick: () => this.setPaused(!this.paused), title: 'stop adding new steps to the view (they are kept)' }, 'pause');
    const box = (label: string, key: 'trace' | 'io', title: string) =>
      h('label', { title }, h('input', { type: 'checkbox', checked: true, onchange: (e) => ((this.filter[key] = (e.target as HTMLInputElement).checked), this.rebuild()) }), ` ${label}`);
    this.info = h('span', { class: 'muted' });
    this.scroller = h('div', { class: 'tl-scroll', onscroll: () => this.scrolled() });
    this.spacer = h('div', { class: 'tl-spacer' });
    this.rowsEl = h('div', { class: 'tl-rows' });
    this.scroller.append(this.spacer, this.rowsEl);
    const lanes = h('div', { class: 'tl-lanes' }, h('div', { class: 'tl-time' }, 'guest time'), ...LANES.map((l) => h('div', { class: 'lane-title' }, l.title)));
    this.root = h(
      'section',
      { class: 'panel timeline' },
      h('div', { class: 'toolbar' }, h('b', {}, 'timeline'), this.pauseButton, box('AML calls & trace', 'trace', 'AML method calls and the register block\'s cpuhp_* trace points (--trace)'), box('register accesses', 'io', 'every register access (--io)'),
        h('button', { onclick: () => this.showAll(), title: 'show every hot-plug and slot' }, 'all steps'), this.info),
      lanes,
      this.scroller,
    );
  }

  setPaused(p: boolean): void {
    this.paused = p;
    this.pauseButton.textContent = p ? 'resume' : 'pause';
    this.pauseButton.classList.toggle('on', p);
    if (!p) {
      this.take();
      this.follow = true;
      this.schedule();
    } else this.schedule();
  }

  /** Shows one hot-plug, or one slot's steps, or (undefined both) everything. */
  focus(group: number | undefined, slot: number | undefined): void {
    this.filter.group = group;
    this.filter.slot = slot;
    this.rebuild();
  }

  private showAll(): void {
    this.focus(undefined, undefined);
  }

  private shows(s: Step): boolean {
    const f = this.filter;
    if (s.level === 'trace' && !f.trace) return false;
    if (s.level === 'io' && !f.io) return false;
    if (f.group !== undefined && s.group !== f.group) return false;
    if (f.slot !== undefined && s.slot !== f.slot && !(s.group !== undefined && this.store.groups.get(s.group)?.slot === f.slot)) return false;
    return true;
  }

  /** The store dropped `n` steps from its front. */
  dropped(n: number): void {
    if (n > 0) this.rebuild();
  }

  rebuild(): void {
    this.rows = [];
    this.taken = 0;
    this.lastGroup = undefined;
    this.take();
    this.schedule();
  }

  /** Takes the store's new steps into the rows (unless paused). */
  update(): void {
    if (!this.paused) this.take();
    this.schedule();
  }

  private take(): void {
    const steps = this.store.steps;
    for (; this.taken < steps.length; this.taken++) {
      const s = steps[this.taken]!;
      if (!this.shows(s)) continue;
      if (s.group !== undefined && s.group !== this.lastGroup) {
        const g = this.store.groups.get(s.group);
        if (g) this.rows.push({ kind: 'group', group: g, step: s });
      }
      this.lastGroup = s.group;
      this.rows.push({ kind: 'step', step: s });
    }
  }

  private scrolled(): void {
    const el = this.scroller;
    this.follow = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW * 2;
    this.schedule();
  }

  private schedule(): void {
    if (this.drawScheduled) return;
    this.drawScheduled = true;
    requestAnimationFrame(() => {
      this.drawScheduled = false;
      this.draw();
    });
  }

  private draw(): void {
    const el = this.scroller;
    this.spacer.style.height = `${this.rows.length * ROW}px`;
    if (this.follow && !this.paused) el.scrollTop = el.scrollHeight;
    const first = Math.max(0, Math.floor(el.scrollTop / ROW) - 5);
    const last = Math.min(this.rows.length, first + Math.ceil(el.clientHeight / ROW) + 10);
    const out: HTMLElement[] = [];
    for (let i = first; i < last; i++) out.push(this.drawRow(this.rows[i]!, i));
    this.rowsEl.replaceChildren(...out);
    const waiting = this.store.steps.length - this.taken;
    this.info.textContent = `${this.rows.length} rows${this.paused && waiting > 0 ? `, ${waiting} new steps waiting` : ''}${this.filter.group !== undefined ? `, hot-plug #${this.filter.group} only` : ''}${this.filter.slot !== undefined ? `, slot ${this.filter.slot} only` : ''}`;
  }

  private drawRow(r: Row, i: number): HTMLElement {
    const top = `${i * ROW}px`;
    if (r.kind === 'group') {
      const g = r.group;
      return h('div', { class: `tl-row tl-group g${g.id % 6}`, style: `top:${top}`, 'data-group': g.id, onclick: () => this.focus(g.id, undefined), title: 'show only this hot-plug' },
        h('span', { class: 'tl-time' }, guestTime(r.step.time)), h('span', {}, `▼ ${g.kind} #${g.id}: ${g.title}`));
    }
    const s = r.step;
    const a = LANE_INDEX[s.from];
    const b = LANE_INDEX[s.to];
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const self = a === b;
    const w = 100 / LANES.length;
    const arrow = self
      ? h('div', { class: `arrow self${lo === LANES.length - 1 ? ' back' : ''}`, style: lo === LANES.length - 1 ? `right:${w * 0.5}%;width:${w * 0.35}%` : `left:${(lo + 0.5) * w}%;width:${w * 0.35}%` })
      : h('div', { class: `arrow ${a < b ? 'right' : 'left'}`, style: `left:${(lo + 0.5) * w}%;width:${(hi - lo) * w}%` });
    // A label reads rightwards from its arrow, except on the last lane, where it ends at the lifeline.
    const atEdge = self && lo === LANES.length - 1;
    const labelPos = atEdge ? `right:${w * 0.5 + 0.5}%` : `left:${self ? (lo + 0.5) * w + w * 0.4 : (lo + 0.5) * w + 1}%`;
    return h(
      'div',
      {
        class: `tl-row step level-${s.level}${s.group !== undefined ? ` g${s.group % 6}` : ''}${s.seq === this.selected ? ' selected' : ''}`,
        style: `top:${top}`, 'data-seq': s.seq, 'data-text': s.text, title: s.text,
        onclick: () => {
          this.selected = s.seq;
          this.onSelect(s);
          this.schedule();
        },
      },
      h('span', { class: 'tl-time' }, guestTime(s.time)),
      h('div', { class: 'tl-diagram' }, arrow, h('span', { class: 'label', style: labelPos }, s.label)),
    );
  }
}
