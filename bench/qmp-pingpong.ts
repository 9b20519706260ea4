// `npm run bench:qmp-pingpong`: only the QMP query-status ping-pong of qmp.ts (one
// connection and 50, beside QEMU 7.2), for working on the QMP path without the
// rest of qmp.ts. It runs the compiled command: `npm run build` first.
import { report } from './measure.ts';
import { benchQmpPingPong } from './qmp.ts';

report(await benchQmpPingPong());
