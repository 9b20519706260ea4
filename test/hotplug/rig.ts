// A controller with every callback recorded, for the hot-plug tests. The guest's
// eject runs the machine's unplug, as the handler chain does. Not a test file.
import {
  CpuHotplugController,
  PRESENCE_TOGGLES,
  type AcpiOstInfo,
  type HotplugControllerOptions,
  type TraceEvent,
} from '../../src/hotplug/index.ts';

export interface RigLog {
  sci: number;
  readonly traces: TraceEvent[];
  readonly ost: AcpiOstInfo[];
  readonly ejects: number[];
}

export interface RigOptions {
  /** Arch ids of the slots (default 4 slots, ids 0..3). */
  readonly archIds?: readonly number[];
  /** The boot CPU's qdev id (the boot CPU is attached to slot 0). */
  readonly bootId?: string;
  readonly over?: Partial<HotplugControllerOptions>;
}

export function makeController(o: RigOptions = {}): { c: CpuHotplugController; log: RigLog } {
  const log: RigLog = { sci: 0, traces: [], ost: [], ejects: [] };
  const c: CpuHotplugController = new CpuHotplugController({
    slots: (o.archIds ?? [0, 1, 2, 3]).map((archId) => ({ archId })),
    presence: PRESENCE_TOGGLES,
    legacy: false,
    sendEvent: () => log.sci++,
    eject: (i) => {
      log.ejects.push(i);
      c.unplug(i);
    },
    ost: (info) => log.ost.push(info),
    trace: (e) => log.traces.push(e),
    ...o.over,
  });
  c.attach(0, o.bootId !== undefined ? { id: o.bootId } : {}, true);
  return { c, log };
}

/** Register offsets as the guest uses them (src/hotplug/abi.ts names them for the device). */
export const SEL = 0, FLAGS = 4, CMD = 5, DATA = 8;
export const select = (c: CpuHotplugController, i: number): void => c.write(SEL, 4, i);
export const command = (c: CpuHotplugController, cmd: number): void => c.write(CMD, 1, cmd);
export const flagsOf = (c: CpuHotplugController, i: number): number => (select(c, i), c.read(FLAGS, 1));

/** A controller with the boot CPU named 'boot', as the register and command tests use it. */
export function make(over: Partial<HotplugControllerOptions> = {}, archIds: readonly number[] = [0, 1, 2, 3]) {
  return makeController({ archIds, bootId: 'boot', over });
}
