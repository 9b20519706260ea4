// Public face of src/vm: a VM (machine + guest + run state), its migration files and
// the readable timeline of its events.
export { systemErrorText } from './state-file.ts';
export { formatGuestEvent, formatMachineEvent, formatVmEvent } from './timeline.ts';
export type { TimelineDetail } from './timeline.ts';
export { migrationFilePath } from './migration.ts';
export { Vm } from './vm.ts';
export { attachGuest } from './guest-binding.ts';
export type { AttachedGuest } from './guest-binding.ts';
export { formatQmpEvent } from './timeline.ts';
