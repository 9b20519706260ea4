// The interpreter's errors are AmlError (defined beside the decoder so both layers
// throw the same class). Helpers here keep the wording of common failures in one place.
import { AmlError, type AmlErrorCode } from '../decode/index.ts';

export { AmlError, type AmlErrorCode } from '../decode/index.ts';

export const typeMismatch = (message: string): AmlError => new AmlError('type-mismatch', message);

/** Wraps anything a host callback threw, so callers only ever see AmlError. */
export function handlerError(what: string, cause: unknown): AmlError {
  if (cause instanceof AmlError) return cause;
  const text = cause instanceof Error ? cause.message : String(cause);
  return new AmlError('handler-error', `${what} threw: ${text}`, { cause });
}

/** Turns any non-AmlError escaping the interpreter into one (stack overflow, bugs). */
export function asAmlError(e: unknown): AmlError {
  if (e instanceof AmlError) return e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new AmlError('call-depth', 'AML nesting exhausted the host stack', { cause: e });
  }
  const code: AmlErrorCode = 'internal';
  return new AmlError(code, `interpreter failure: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}
