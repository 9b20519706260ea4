export { QtestProtocol } from './protocol.ts';
