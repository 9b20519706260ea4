// Worker thread entry for ours-in-worker.ts: runs one runOurs() request per
// message and posts the trace back. It exists so the host can terminate a stuck
// evaluation: the interpreter is synchronous, and a hang in the test process
// itself would block the event loop and every timeout with it.

import { parentPort } from 'node:worker_threads';
import { runOurs } from './run-ours.ts';
import type { OursRequest, OursReply } from './ours-in-worker.ts';

const port = parentPort;
if (!port) throw new Error('ours-worker.ts must run as a worker thread');

port.on('message', (req: OursRequest) => {
  void serve(req).then((reply) => port.postMessage(reply));
});

async function serve(req: OursRequest): Promise<OursReply> {
  try {
    const { trace, errors, initFailures } = await runOurs(req.tables, req.commands, req.options);
    // Errors do not survive postMessage with their fields; send what we report.
    const failures = errors.map((e) => (e ? { code: String((e as { code?: unknown }).code), message: e.message } : undefined));
    return { id: req.id, status: 'ran', trace, errors: failures, initFailures };
  } catch (e) {
    // Anything that is not an AmlError: an interpreter crash, or no interpreter yet.
    return { id: req.id, status: 'crash', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}
