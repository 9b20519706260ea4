// The least a Node.js QMP server can do: the greeting, then each line answered with
// a fixed reply (query-status's, {"return": {}} for qmp_capabilities), no parsing,
// no VM. The one-connection ping-pong (ping-pinned.ts) pings it beside cpuhp and
// QEMU: its rate bounds what any server on Node can reach on this machine, so the
// figures say how much of cpuhp's round trip is cpuhp's and how much Node's and the
// machine's (wake-ups across CPUs). Started by serve() with the socket path.
import { createServer } from 'node:net';

const GREETING = '{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}, "package": ""}, "capabilities": ["oob"]}}\r\n';
const STATUS = '{"return": {"status": "prelaunch", "singlestep": false, "running": false}}\r\n';
const EMPTY = '{"return": {}}\r\n';

const path = process.argv[2];
if (!path) throw new Error('usage: floor-server.ts SOCKET');
createServer((socket) => {
  socket.setEncoding('utf8');
  socket.write(GREETING);
  // A line's tail waits for the rest; the benchmark's lines are 30 bytes.
  let partial = '';
  socket.on('data', (text: string) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop()!;
    socket.write(lines.map((l) => (l.includes('qmp_capabilities') ? EMPTY : STATUS)).join(''));
  });
  socket.on('error', () => socket.destroy());
}).listen(path);
