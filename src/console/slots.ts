// The slot grid's cells: each possible vCPU with its topology ids and arch id, the
// VMM's side read from the machine and its hot-plug controller, and the guest's
// side (last _STA read, registered, online) from the guest kernel's CPU list.
import type { Guest } from '../guest/index.ts';
import type { Machine } from '../machine/index.ts';
import type { MachineView, SlotView, VmmSlotState } from './protocol.ts';
import { slotOfPath } from './recorder.ts';

export function machineView(machine: Machine): MachineView {
  const { type, topology, platform } = machine.config;
  return { name: type.name, arch: type.arch, cpus: topology.cpus, maxCpus: topology.maxCpus, cpuType: platform.cpuType };
}

/** Reads slot views; remembers what it last returned, so only changes go out. */
export class SlotReader {
  private readonly sent = new Map<number, string>();

  constructor(
    private readonly machine: () => Machine,
    private readonly guest: () => Guest | undefined,
    private readonly sta: ReadonlyMap<number, number>,
  ) {}

  /** The guest's CPUs by slot (through their processor objects). */
  private guestCpus(): Map<number, { registered: boolean; online: boolean }> {
    const out = new Map<number, { registered: boolean; online: boolean }>();
    for (const c of this.guest()?.cpus() ?? []) {
      const slot = c.path === undefined ? undefined : slotOfPath(c.path);
      if (slot !== undefined) out.set(slot, c);
    }
    return out;
  }

  private view(index: number, guest: Map<number, { registered: boolean; online: boolean }>): SlotView {
    const m = this.machine();
    const c = m.config.cpus[index]!;
    const v = m.vcpu(index);
    const s = m.controller.slot(index);
    const vmm: VmmSlotState = s.removing || s.fwRemove ? 'removing' : !v?.enabled ? 'absent' : s.inserting ? 'plugged' : 'enabled';
    const gc = guest.get(index);
    const sta = this.sta.get(index);
    return {
      index, archId: c.archId, props: { ...c.props }, vmm,
      ...(v?.enabled && v.id !== undefined ? { id: v.id } : {}),
      ...(v?.enabled ? { qomPath: v.qomPath } : {}),
      ...(sta !== undefined ? { sta } : {}),
      registered: gc?.registered ?? false,
      online: gc?.online ?? false,
    };
  }

  /** Every slot, and they count as sent. */
  all(): SlotView[] {
    const guest = this.guestCpus();
    return this.machine().config.cpus.map((c) => this.remember(this.view(c.index, guest)));
  }

  /** The views of `slots` that changed since they were last returned. */
  changed(slots: Iterable<number>): SlotView[] {
    const out: SlotView[] = [];
    const guest = this.guestCpus();
    for (const i of slots) {
      const v = this.view(i, guest);
      if (this.sent.get(i) !== JSON.stringify(v)) out.push(this.remember(v));
    }
    return out;
  }

  private remember(v: SlotView): SlotView {
    this.sent.set(v.index, JSON.stringify(v));
    return v;
  }
}
