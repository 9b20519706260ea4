#!/usr/bin/env node
// The cpuhp command. The sources are TypeScript run through tsx, so a checkout
// works after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
