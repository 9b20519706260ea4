// An in-process VM served over QMP on a unix socket, wired the way `cpuhp run`
// wires it (src/cli/run-command.ts): machine and guest events become QMP events.
// For tests that need the VM's inside (vCPU slots, the guest's CPUs) next to a
// real socket.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { QmpServer } from '../../src/qmp/server.ts';
import { Vm } from '../../src/vm/vm.ts';
import { scaled } from '../support/load-scale.ts';

export interface ServedVm {
  readonly vm: Vm;
  readonly server: QmpServer;
  readonly path: string;
  /** Resolves once the guest has been idle for a few event-loop turns; throws after `timeoutMs` (scaled with the load). */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function serveVm(machine: string, smp: string, opts: { startPaused?: boolean; incoming?: boolean; guest?: boolean } = {}): Promise<ServedVm> {
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-qmp-'));
  const path = join(dir, 'qmp.sock');
  const vm = new Vm(createMachineConfig(findMachineType(machine), smp), {
    startPaused: opts.startPaused ?? false,
    incoming: opts.incoming ?? false,
    guest: opts.guest === false ? false : { autoOnline: true },
    onQuit: () => {},
  });
  const server = new QmpServer(vm, { kind: 'unix', path });
  vm.on((e) => {
    if (e.type === 'qmp-event') server.event(e.event, e.data);
  }, { trace: false });
  vm.hostBusy = () => server.busy;
  await server.listen();
  vm.start();
  return {
    vm,
    server,
    path,
    async settle(timeoutMs = scaled(10_000)) {
      const deadline = Date.now() + timeoutMs;
      // The guest runs in setImmediate slices; idle on several turns in a row means done.
      for (let idle = 0; idle < 3; ) {
        if (Date.now() > deadline) throw new Error(`the guest is still busy after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 5));
        idle = vm.guest?.busy ? 0 : idle + 1;
      }
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
