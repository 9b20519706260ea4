// Public face of src/qmp: the QMP server, its endpoint syntax and the protocol's errors.
export { QmpServer, parseQmpEndpoint } from './server.ts';
export type { QmpEndpoint } from './server.ts';
export { QmpError } from './errors.ts';
export type { QmpVm, RunState } from './commands.ts';
