/** QEMU's QMP error classes (qapi/error.json). */
export type QmpErrorClass = 'GenericError' | 'CommandNotFound' | 'DeviceNotFound' | 'DeviceNotActive' | 'KVMMissingCap';

/** An error answered to a QMP client as {"error": {"class", "desc"}}; the VM is unchanged. */
export class QmpError extends Error {
  override readonly name = 'QmpError';
  constructor(
    readonly errorClass: QmpErrorClass,
    message: string,
  ) {
    super(message);
  }
}
