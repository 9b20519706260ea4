// The console page: live (connected to `cpuhp run --console` over a WebSocket,
// with actions) or a report (data inlined by `cpuhp scenario --html`, read only).
import type { ClientMessage, ReportData, ServerMessage, SlotView, Step } from '../protocol.ts';
import { DetailPane } from './detail.ts';
import { h } from './dom.ts';
import { SlotGrid } from './grid.ts';
import { QmpBox } from './qmp-box.ts';
import { Store } from './store.ts';
import { STYLE } from './style.ts';
import { Timeline } from './timeline.ts';

/** Wait before reconnecting, doubled per failure up to the last. */
const RECONNECT_MS = [250, 500, 1000, 2000, 4000];

const store = new Store();
const reportEl = document.getElementById('cpuhp-report');
const report = reportEl ? (JSON.parse(reportEl.textContent ?? '{}') as ReportData) : undefined;

let socket: WebSocket | undefined;
let failures = 0;

const detail = new DetailPane();
const qmp = report ? undefined : new QmpBox((text) => send({ type: 'qmp', text }));
const act = qmp ? (kind: 'plug' | 'unplug', s: SlotView) => plugOrUnplug(kind, s) : undefined;
const grid = new SlotGrid(store.slots, act, (i) => showSlot(i));
const timeline = new Timeline(store, (s: Step) => detail.step(s, s.group !== undefined ? store.groups.get(s.group) : undefined));

const title = h('b', {}, 'cpuhp console');
const status = h('span', { class: 'status' });
const counters = h('span', { class: 'muted' });

document.head.append(h('style', {}, STYLE));
document.body.append(
  h('header', {}, title, status, counters),
  h('main', {}, h('div', { class: 'left' }, grid.root, detail.root, qmp?.root), timeline.root),
);

function plugOrUnplug(kind: 'plug' | 'unplug', s: SlotView): void {
  const m = store.machine;
  if (!m || !qmp) return;
  if (kind === 'plug') qmp.send({ execute: 'device_add', arguments: { driver: m.cpuType, ...s.props, id: `cpu${s.index}` } });
  else qmp.send({ execute: 'device_del', arguments: { id: s.id ?? s.qomPath ?? '' } });
}

function showSlot(i: number): void {
  const s = store.slots[i];
  if (!s) return;
  const buttons = act
    ? h('div', { class: 'buttons' },
        h('button', { disabled: s.vmm !== 'absent', onclick: () => act('plug', s) }, '+ plug'),
        h('button', { disabled: s.vmm !== 'enabled' && s.vmm !== 'plugged', onclick: () => act('unplug', s) }, '− unplug'),
        h('button', { onclick: () => timeline.focus(undefined, i) }, 'its steps'))
    : h('div', { class: 'buttons' }, h('button', { onclick: () => timeline.focus(undefined, i) }, 'its steps'));
  detail.slot(s, buttons);
}

function showCounters(): void {
  const connected = report ? 'report' : socket?.readyState === WebSocket.OPEN ? 'connected' : 'reconnecting…';
  counters.textContent = `${connected} · ${store.received} steps, last #${store.lastSeq}${store.missed ? ` · ${store.missed} not held by the server any more` : ''}${store.dropped ? ` · ${store.dropped} oldest dropped` : ''}`;
  status.textContent = store.status;
  document.body.dataset['connected'] = connected;
}

function setMachine(m: NonNullable<Store['machine']>, slots: readonly SlotView[]): void {
  const first = store.machine === undefined;
  store.machine = m;
  title.textContent = `cpuhp console · ${m.name} (${m.arch}), ${m.maxCpus} slots`;
  store.setSlots(slots);
  if (first || store.slots.length !== grid.size) grid.build();
  else grid.refresh(slots.map((s) => s.index));
}

function receive(msg: ServerMessage): void {
  switch (msg.type) {
    case 'welcome':
      store.status = msg.status;
      store.addGroups(msg.groups);
      setMachine(msg.machine, msg.slots);
      break;
    case 'gap':
      store.gap(msg.first, msg.last);
      break;
    case 'batch': {
      store.addGroups(msg.groups);
      timeline.dropped(store.addSteps(msg.steps));
      if (msg.slots.length > 0) {
        grid.refresh(store.setSlots(msg.slots));
        if (grid.selected !== undefined && msg.slots.some((s) => s.index === grid.selected)) showSlot(grid.selected);
      }
      if (msg.status !== undefined) store.status = msg.status;
      timeline.update();
      break;
    }
    case 'qmp':
      qmp?.received(msg.message);
      break;
  }
  showCounters();
}

function send(msg: ClientMessage): boolean {
  if (socket?.readyState !== WebSocket.OPEN) return false;
  socket.send(JSON.stringify(msg));
  return true;
}

function connect(): void {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const ws = new WebSocket(`ws://${location.host}/ws?token=${encodeURIComponent(token)}`);
  socket = ws;
  ws.onopen = () => {
    failures = 0;
    // Where this page stands; the server sends what it lacks. The page's own QMP session is new.
    ws.send(JSON.stringify({ type: 'resume', after: store.lastSeq } satisfies ClientMessage));
    ws.send(JSON.stringify({ type: 'qmp', text: '{"execute": "qmp_capabilities"}' } satisfies ClientMessage));
    showCounters();
  };
  ws.onmessage = (e) => receive(JSON.parse(String(e.data)) as ServerMessage);
  ws.onclose = () => {
    if (socket !== ws) return;
    showCounters();
    setTimeout(connect, RECONNECT_MS[Math.min(failures++, RECONNECT_MS.length - 1)]);
  };
}

/** For tests and the curious: what the page holds, and a way to drop the connection. */
(window as unknown as Record<string, unknown>)['cpuhpConsole'] = {
  state: () => ({ lastSeq: store.lastSeq, received: store.received, missed: store.missed, disorder: store.disorder, dropped: store.dropped, steps: store.steps.length, groups: store.groups.size, status: store.status }),
  steps: () => store.steps.map((s) => ({ seq: s.seq, text: s.text, level: s.level, group: s.group, slot: s.slot, from: s.from, to: s.to })),
  groups: () => [...store.groups.values()],
  slots: () => store.slots,
  disconnect: () => socket?.close(),
  timeline,
};

if (report) {
  title.textContent = report.title;
  store.status = report.status;
  store.addGroups(report.groups);
  setMachine(report.machine, report.slots);
  store.addSteps(report.steps);
  timeline.update();
  showCounters();
} else connect();
