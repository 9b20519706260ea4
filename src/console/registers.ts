// Names for the guest's accesses to the CPU hot-plug register block, so an arrow
// reads "write selector <- 0x3" rather than "io 0xcdc". Offsets are QEMU's ABI
// (src/hotplug/abi.ts); the legacy block is QEMU 7.2's 32-byte presence bitmap.
import { Offset, REGISTER_BLOCK_LENGTH, LEGACY_WINDOW_LENGTH } from '../hotplug/index.ts';
import type { MachineConfig } from '../machine/index.ts';

export interface RegisterName {
  /** Offset in the block. */
  readonly offset: number;
  readonly name: string;
}

/** The register an access to `address` in `space` touches, or undefined when it is outside the block. */
export function hotplugRegister(config: MachineConfig, legacy: boolean, space: string, address: number, write: boolean): RegisterName | undefined {
  const { region } = config.platform.cpuHotplug;
  const mine = region.space === 'SystemIO' ? space === 'SystemIO' || space === 'io' : space === 'SystemMemory' || space === 'mmio';
  const offset = address - region.base;
  if (!mine || offset < 0 || offset >= (legacy ? LEGACY_WINDOW_LENGTH : REGISTER_BLOCK_LENGTH)) return undefined;
  if (legacy) return { offset, name: `presence bitmap byte ${offset}` };
  switch (offset) {
    case Offset.SELECTOR:
      return { offset, name: write ? 'selector' : 'command data 2' };
    case Offset.FLAGS:
      return { offset, name: 'flags' };
    case Offset.COMMAND:
      return { offset, name: 'command' };
    case Offset.CMD_DATA:
      return { offset, name: 'command data' };
    default:
      return { offset, name: `offset ${offset}` };
  }
}
