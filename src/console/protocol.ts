// What the console's server and page say to each other, and what a self-contained
// report carries: plain JSON values, no Node or DOM types, so both sides import it.

/** The sequence diagram's lanes, left to right. */
export const LANES = [
  { id: 'qmp', title: 'QMP client' },
  { id: 'vmm', title: 'VMM' },
  { id: 'regs', title: 'register block' },
  { id: 'aml', title: 'AML (method)' },
  { id: 'guest', title: 'guest driver' },
] as const;
export type Lane = (typeof LANES)[number]['id'];

/**
 * How much detail the text timeline needs to print a step: 'step' is what
 * `cpuhp run` and `cpuhp scenario` print by default, 'trace' and 'io' what
 * --trace and --io add.
 */
export type StepLevel = 'step' | 'trace' | 'io';

/** One arrow of the sequence diagram. */
export interface Step {
  /** 1, 2, 3...: every step the VM produced has one, without gaps. */
  readonly seq: number;
  /** The guest's virtual time, in microseconds since boot. */
  readonly time: number;
  readonly from: Lane;
  readonly to: Lane;
  /** The arrow's short label. */
  readonly label: string;
  /** The text timeline's line for this step, without its time stamp. */
  readonly text: string;
  readonly level: StepLevel;
  /** The vCPU slot the step concerns, when known. */
  slot?: number;
  /** The hot-plug (Group.id) it belongs to, when it belongs to one. */
  group?: number;
  /** Name → value for the detail pane (register offsets and values, method and arguments). */
  readonly detail: Readonly<Record<string, string | number | boolean>>;
}

/** One hot-plug or hot-unplug: the steps from the request to the guest's last answer. */
export interface Group {
  readonly id: number;
  readonly slot: number;
  readonly kind: 'hot-add' | 'hot-remove';
  readonly title: string;
  /** The first step of the group. */
  readonly seq: number;
}

/** The VMM's side of a slot: no vCPU, plugged (insert event pending), enabled, removal requested. */
export type VmmSlotState = 'absent' | 'plugged' | 'enabled' | 'removing';

/** One cell of the slot grid. */
export interface SlotView {
  readonly index: number;
  readonly archId: number;
  /** Topology ids with QMP's names (socket-id, core-id...). */
  readonly props: Readonly<Record<string, number>>;
  readonly vmm: VmmSlotState;
  /** The qdev id of its vCPU, when it has one. */
  readonly id?: string;
  /** Where device_del finds its vCPU, while plugged. */
  readonly qomPath?: string;
  /** The last _STA the guest read for it, if it has read one. */
  readonly sta?: number;
  readonly registered: boolean;
  readonly online: boolean;
}

export interface MachineView {
  readonly name: string;
  readonly arch: string;
  readonly cpus: number;
  readonly maxCpus: number;
  /** The device_add driver for this machine's CPUs. */
  readonly cpuType: string;
}

/** Server → page. */
export type ServerMessage =
  | { readonly type: 'welcome'; readonly machine: MachineView; readonly slots: readonly SlotView[]; readonly groups: readonly Group[]; readonly lastSeq: number; readonly status: string }
  | { readonly type: 'batch'; readonly steps: readonly Step[]; readonly groups: readonly Group[]; readonly slots: readonly SlotView[]; readonly status?: string }
  /** Steps first..last are no longer held (the catch-up buffer is bounded); the grid is whole. */
  | { readonly type: 'gap'; readonly first: number; readonly last: number }
  /** A QMP message for this page's own session: the greeting, a reply, an event. */
  | { readonly type: 'qmp'; readonly message: unknown };

/** Page → server. */
export type ClientMessage =
  /** Sent once after connecting: the last step the page holds (0 for none). */
  | { readonly type: 'resume'; readonly after: number }
  /** One QMP command, as text, for the page's own QMP session. */
  | { readonly type: 'qmp'; readonly text: string };

/** What a self-contained report (cpuhp scenario --html) carries instead of a connection. */
export interface ReportData {
  readonly title: string;
  readonly machine: MachineView;
  readonly slots: readonly SlotView[];
  readonly groups: readonly Group[];
  readonly steps: readonly Step[];
  readonly status: string;
}
