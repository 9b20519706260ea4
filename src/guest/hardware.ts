import type { PhysicalMemory } from './firmware-tables.ts';

export type GuestSpace = 'io' | 'mmio';
export type GuestAccessSize = 1 | 2 | 4 | 8;

/**
 * Everything the guest can touch: its memory (where firmware left the tables) and
 * the bus (port I/O and MMIO). Interrupts arrive through Guest.interrupt(). The
 * guest knows nothing of the VMM behind these.
 */
export interface GuestHardware {
  readonly rsdp: Uint8Array;
  readonly memory: PhysicalMemory;
  read(space: GuestSpace, address: number, size: GuestAccessSize): bigint;
  write(space: GuestSpace, address: number, size: GuestAccessSize, value: bigint): void;
}
