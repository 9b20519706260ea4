/**
 * An error with a machine-readable code beside its message: the one shape every
 * room's refusals share (`AcpiTableError`, `UsageError`, ...). The name is the
 * subclass's own, so a subclass needs no body unless it adds something.
 */
export class CodedError<Code extends string> extends Error {
  constructor(readonly code: Code, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Input that cannot be used as given (options, a file, a machine configuration): the
 * CLI prints its message alone and exits with status 2.
 */
export class InputError<Code extends string> extends CodedError<Code> {}

/** A builder misused: a table or an AML value that cannot be built as asked. */
export class BuildError<Code extends string> extends CodedError<Code> {}
