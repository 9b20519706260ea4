// Public face of src/qtest: QEMU's qtest line protocol over a machine's bus.
export { QtestProtocol } from './protocol.ts';
