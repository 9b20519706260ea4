// Public face of src/guest: the simulated OSPM. It sees the machine only through bus
// accesses, interrupts and the tables in guest memory (GuestHardware).
export { formatLogLine } from './events.ts';
export type { GuestEvent } from './events.ts';
export { Guest } from './guest.ts';
export type { GuestOptions } from './guest.ts';
export type { PhysicalMemory } from './firmware-tables.ts';
export type { GuestHardware } from './hardware.ts';
export { isGuestTrace } from './events.ts';
