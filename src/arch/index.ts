// Public API of src/arch: the Platform of each machine type.
import type { MachineType } from '../machine/machine-types.ts';
import { virtPlatform } from './arm64/platform.ts';
import type { Platform } from './platform.ts';
import { I440FX, pcPlatform, Q35 } from './x86/platform.ts';

export type { Platform, PlatformEvents, TableAddresses } from './platform.ts';
export { VIRT_CPUHP_BASE, GED_CPU_HOTPLUG_EVT } from './arm64/platform.ts';

export function platformFor(type: MachineType): Platform {
  switch (type.chipset) {
    case 'q35': return pcPlatform(Q35);
    case 'i440fx': return pcPlatform(I440FX);
    case 'virt': return virtPlatform();
  }
}
