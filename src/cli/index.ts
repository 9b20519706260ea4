export { UsageError } from './usage-error.ts';
