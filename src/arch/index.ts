// Public API of src/arch: the Platform of each machine type.
import { virtPlatform } from './arm64/platform.ts';
import type { Chipset, Platform } from './platform.ts';
import { I440FX, pcPlatform, Q35 } from './x86/platform.ts';

export type { ArchIdProperty, ArchName, Chipset, Platform, PlatformEvents, TableAddresses } from './platform.ts';
export { VIRT_CPUHP_BASE, GED_CPU_HOTPLUG_EVT } from './arm64/platform.ts';

/** The Platform of a chipset: everything architecture-specific a machine of it needs. */
export function platformFor(chipset: Chipset): Platform {
  switch (chipset) {
    case 'q35': return pcPlatform(Q35);
    case 'i440fx': return pcPlatform(I440FX);
    case 'virt': return virtPlatform();
  }
}
