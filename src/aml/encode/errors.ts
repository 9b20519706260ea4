import { BuildError } from '../../base/index.ts';

/** Builder misuse: thrown when an AML value is constructed, never later. */
export class AmlEncodeError extends BuildError<AmlEncodeErrorCode> {}

export type AmlEncodeErrorCode =
  | 'bad-name'
  | 'out-of-range'
  | 'too-long'
  | 'bad-argument';
