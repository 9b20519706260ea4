export { QmpServer, parseQmpEndpoint } from './server.ts';
export type { QmpEndpoint } from './server.ts';
export { QmpError } from './errors.ts';
export type { QmpVm, RunState } from './commands.ts';
