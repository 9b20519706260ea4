import { InputError } from '../base/index.ts';

/** Bad command-line usage: printed as one line, exit status 2, never a stack trace. */
export class UsageError extends InputError<UsageErrorCode> {}

export type UsageErrorCode = 'unknown-option' | 'missing-value' | 'bad-value' | 'unknown-command' | 'missing-option';
