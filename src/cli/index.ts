// Public face of src/cli: the `cpuhp` command (bin/cpuhp.js runs it).
export { main } from './main.ts';
export type { CliIo } from './main.ts';
