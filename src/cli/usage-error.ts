/** Bad command-line usage: printed as one line, exit status 2, never a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code: UsageErrorCode;

  constructor(code: UsageErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export type UsageErrorCode = 'unknown-option' | 'missing-value' | 'bad-value' | 'unknown-command' | 'missing-option';
