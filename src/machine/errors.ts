/**
 * A machine configuration the user asked for cannot be built (unknown machine
 * type, bad -smp). Messages use QEMU's wording where QEMU has one.
 */
export class MachineConfigError extends Error {
  override readonly name = 'MachineConfigError';
  readonly code: MachineConfigErrorCode;

  constructor(code: MachineConfigErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export type MachineConfigErrorCode = 'unknown-machine' | 'bad-smp' | 'bad-topology' | 'too-many-cpus' | 'too-few-cpus';
