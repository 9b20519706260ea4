// AmlError: the one error class of the AML reading layer (decode and interp). It is
// defined here, in the lower layer, so the decoder can throw it without importing
// the interpreter; src/aml/interp re-exports it as part of its public API.

/**
 * Stable error codes (uACPI's UACPI_STATUS_AML_* range, named). Callers and test
 * cases match on these, so a code is never renamed or reused for something else.
 */
export type AmlErrorCode =
  /** Malformed AML or table bytes; `offset` is the byte offset in the table. */
  | 'decode-error'
  /** A name that does not resolve to a namespace object. */
  | 'undefined-reference'
  /** An opcode that was decoded but cannot run here (Break outside While, Load...). */
  | 'invalid-opcode'
  /** An operand of the wrong object type that no implicit conversion fixes. */
  | 'type-mismatch'
  /** A Local, Arg or package element read before anything was stored in it. */
  | 'uninitialized'
  /** A named object created where one already exists. */
  | 'already-exists'
  /** A While loop ran more iterations than limits.loopIterations. */
  | 'loop-timeout'
  /** Method calls nested deeper than limits.callDepth (or the host stack). */
  | 'call-depth'
  /** One evaluation ran longer than limits.timeMs. */
  | 'time-limit'
  /** One evaluation spent more than limits.operations. */
  | 'operation-limit'
  /** A table larger than limits.tableBytes. */
  | 'table-too-large'
  /** Acquire or Release against the sync-level order (ACPI 6.5 §19.6.2). */
  | 'mutex-order'
  /** Release of a mutex that is not held. */
  | 'mutex-not-acquired'
  /** A region access in an address space with no installed handler. */
  | 'no-handler'
  /** A host handler (region, notify, debug) threw; the cause is attached. */
  | 'handler-error'
  /** A field access beyond the end of its operation region. */
  | 'region-limit'
  /** A buffer field or index beyond the end of its buffer. */
  | 'buffer-limit'
  /** Index or Match past the end of a package, buffer or string. */
  | 'index-out-of-range'
  /** Divide or Mod by zero. */
  | 'divide-by-zero'
  /** An operand value out of its allowed range (Stall > 255 us, bad Match opcode...). */
  | 'bad-argument'
  /** The AML executed Fatal. */
  | 'fatal'
  /** A valid construct this interpreter does not implement (LoadTable, DataTableRegion...). */
  | 'unsupported'
  /** A bug in the interpreter; the cause is attached. */
  | 'internal';

export interface AmlErrorDetails {
  /** Absolute path of the method that was running, e.g. '\\_SB.CPUS.CSCN'. */
  readonly method?: string;
  /** Byte offset in the table of the construct that failed. */
  readonly offset?: number;
  readonly cause?: unknown;
}

export class AmlError extends Error {
  override readonly name = 'AmlError';
  readonly code: AmlErrorCode;
  method?: string;
  offset?: number;

  constructor(code: AmlErrorCode, message: string, details: AmlErrorDetails = {}) {
    super(message, details.cause !== undefined ? { cause: details.cause } : undefined);
    this.code = code;
    if (details.method !== undefined) this.method = details.method;
    if (details.offset !== undefined) this.offset = details.offset;
  }
}

/** Anything the decoder throws, as an AmlError: only a bug (or the host running out of stack) is not one already. */
export function asDecodeError(e: unknown): AmlError {
  if (e instanceof AmlError) return e;
  return new AmlError('decode-error', `decoder failure: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

/** A decode error at `offset`; the message gets the offset in hex, as iasl -d prints it. */
export function decodeError(offset: number, message: string): AmlError {
  return new AmlError('decode-error', `${message} at offset 0x${offset.toString(16)}`, { offset });
}
