// What every room may use: the coded errors, big-endian byte streams and event
// listeners (subscriptions that may decline trace detail). It imports
// nothing of the project.
export { BuildError, CodedError, InputError } from './coded-error.ts';
export { BigEndianReader, BigEndianWriter } from './byte-stream.ts';
export { Listeners, type ListenOptions } from './listeners.ts';
