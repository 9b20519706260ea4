import { InputError } from '../base/index.ts';

/**
 * A machine configuration the user asked for cannot be built (unknown machine
 * type, bad -smp). Messages use QEMU's wording where QEMU has one.
 */
export class MachineConfigError extends InputError<MachineConfigErrorCode> {}

export type MachineConfigErrorCode = 'unknown-machine' | 'bad-smp' | 'bad-topology' | 'too-many-cpus' | 'too-few-cpus';

/**
 * A request from a management client (device_add, device_del, ...) that the
 * machine refuses. `errorClass` is QEMU's QMP error class; the message is QEMU's
 * wording where QEMU has one. The machine is unchanged when this is thrown.
 */
export class DeviceError extends Error {
  override readonly name = 'DeviceError';
  readonly errorClass: 'GenericError' | 'DeviceNotFound';

  constructor(message: string, errorClass: 'GenericError' | 'DeviceNotFound' = 'GenericError') {
    super(message);
    this.errorClass = errorClass;
  }
}
