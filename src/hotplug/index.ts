// The CPU hot-plug device's public API (QEMU's include/hw/acpi/cpu.h): the
// controller with its register block and migration state, and the AML that drives it.
// Other folders import from here only.
export {
  CpuHotplugController,
  CpuHotplugError,
  type AcpiOstInfo,
  type ControllerSnapshot,
  type CpuHotplugErrorCode,
  type HotplugControllerOptions,
} from './controller.ts';
export type { CpuRef, SlotStatus } from './status.ts';
export type { AccessSize } from './registers.ts';
export { HotplugStateError, type HotplugStateErrorCode } from './vmstate.ts';
export { TRACE_EVENTS, formatTraceEvent, type TraceEvent, type TraceEventName } from './trace-events.ts';
export { LEGACY_WINDOW_LENGTH } from './legacy.ts';
export { Command, Flag, Offset, REGISTER_BLOCK_LENGTH, IO_BASE_PC, IO_BASE_Q35 } from './abi.ts';
export { PRESENCE_ALWAYS, PRESENCE_TOGGLES, type PresencePolicy } from './presence.ts';
export { buildCpusAml, cpuObjectName, MAX_CPU_OBJECTS, type CpuSlotAml, type CpusAmlOptions } from './aml.ts';
