import type { Machine } from '../machine/machine.ts';
import type { QmpVm, RunState } from '../qmp/commands.ts';

/** Run-state changes that QMP reports as events. */
export type VmEvent = 'STOP' | 'RESUME' | 'SHUTDOWN';

/**
 * A virtual machine as its management sees it: the machine plus a run state
 * (QEMU's prelaunch with -S, running, paused) and a way to quit.
 */
export class Vm implements QmpVm {
  private state: RunState;
  private readonly listeners: ((e: VmEvent, data?: Record<string, unknown>) => void)[] = [];

  constructor(
    readonly machine: Machine,
    options: { startPaused: boolean; name?: string },
    private readonly onQuit: () => void,
  ) {
    this.state = options.startPaused ? 'prelaunch' : 'running';
    if (options.name !== undefined) this.name = options.name;
  }

  readonly name?: string;

  onEvent(fn: (e: VmEvent, data?: Record<string, unknown>) => void): void {
    this.listeners.push(fn);
  }

  private emit(e: VmEvent, data?: Record<string, unknown>): void {
    for (const l of this.listeners) l(e, data);
  }

  status(): RunState {
    return this.state;
  }

  cont(): void {
    if (this.state === 'running') return;
    this.state = 'running';
    this.emit('RESUME');
  }

  stop(): void {
    if (this.state !== 'running') return;
    this.state = 'paused';
    this.emit('STOP');
  }

  quit(): void {
    this.emit('SHUTDOWN', { guest: false, reason: 'host-qmp-quit' });
    // After the reply to quit has been written.
    setImmediate(this.onQuit);
  }
}
