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
