export { Bus } from './bus.ts';
export type { AccessSize, AddressSpaceKind, BusAccess } from './bus.ts';
export { GedEvent, GenericEventDevice } from './ged.ts';
export { GPE_CPU_HOTPLUG_BIT, Gpe0Block } from './gpe.ts';
