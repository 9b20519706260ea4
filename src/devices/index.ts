// Public face of src/devices: what a machine plugs in below the CPU hot-plug device —
// the bus that routes guest accesses (I/O ports and memory) to devices, x86's GPE0 block
// and arm64's Generic Event Device. A device knows its registers, never the machine.
export { Bus } from './bus.ts';
export type { AccessSize, AddressSpaceKind, BusAccess } from './bus.ts';
export { GedEvent, GenericEventDevice } from './ged.ts';
export { GPE_CPU_HOTPLUG_BIT, Gpe0Block } from './gpe.ts';
