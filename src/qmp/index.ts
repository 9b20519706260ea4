// Public face of src/qmp: the QMP server, its endpoint syntax and the protocol's errors.
export { QmpServer, parseQmpEndpoint } from './server.ts';
export type { QmpEndpoint } from './server.ts';
export { QmpError } from './errors.ts';
export type { QmpVm, RunState } from './commands.ts';
export { MAX_MESSAGE, QmpSession } from './session.ts';
export type { QmpObserver, QmpReply } from './session.ts';
export { MESSAGES_PER_TURN, qmpEventMessage } from './server.ts';
