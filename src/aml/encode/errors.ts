/** Builder misuse: thrown when an AML value is constructed, never later. */
export class AmlEncodeError extends Error {
  override readonly name = 'AmlEncodeError';
  readonly code: AmlEncodeErrorCode;

  constructor(code: AmlEncodeErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export type AmlEncodeErrorCode =
  | 'bad-name'
  | 'out-of-range'
  | 'too-long'
  | 'bad-argument';
