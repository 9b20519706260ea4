// The vocabulary of vCPU slots that both the architecture and the machine speak: the
// -smp topology and its ids, the possible-CPU record, slot lookup by topology ids, and
// the two refusals (a machine that cannot be built, a device request that is refused).
// It sits below both, so that neither has to import the other to name a CPU.
export { parseSmp, resolveTopology, topologyIds } from './topology.ts';
export type { Topology } from './topology.ts';
export { BOOT_CPU_INDEX } from './possible-cpu.ts';
export type { CpuProps, PossibleCpu } from './possible-cpu.ts';
export { CPU_ID_PROPS, LEVEL_COUNT, findSlot, slotIndex } from './cpu-slots.ts';
export type { CpuIdProp } from './cpu-slots.ts';
export { DeviceError, MachineConfigError } from './errors.ts';
