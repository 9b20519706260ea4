export { formatLogLine } from './events.ts';
export type { GuestEvent } from './events.ts';
export { Guest } from './guest.ts';
export type { GuestOptions } from './guest.ts';
export type { PhysicalMemory } from './firmware-tables.ts';
export type { GuestHardware } from './hardware.ts';
