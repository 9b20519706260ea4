// What every room may use: the coded error and big-endian byte streams. It imports
// nothing of the project.
export { CodedError } from './coded-error.ts';
export { BigEndianReader, BigEndianWriter } from './byte-stream.ts';
