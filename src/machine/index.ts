// Public face of src/machine: machine types, the machine's static shape (possible CPUs
// on a Platform), the running Machine with its hot-plug handler chain, its tables and
// its migration stream. It speaks no protocol: QMP and qtest drive it from outside.
export { createMachineConfig } from './possible-cpus.ts';
export type { MachineConfig } from './possible-cpus.ts';
export { DEFAULT_MACHINE, MACHINE_TYPES, findMachineType, followsQemu } from './machine-types.ts';
export type { ArchName, MachineType } from './machine-types.ts';
export { buildAcpiTables } from './acpi-build.ts';
export type { AcpiTableSet } from './acpi-build.ts';
export { Machine } from './machine.ts';
export type { DeviceArgsForm, MachineEvent } from './machine.ts';
export { MACHINE_STATE_HEADER_BYTES, MachineStateError, decodeMachineState, readMachineStateHeader } from './machine-state.ts';
export { isMachineTrace } from './machine.ts';
