// A real Linux guest under a real QEMU, for the tests that compare cpuhp with the real
// thing: QEMU is started paused with QMP and the serial console on unix sockets, the
// CPU hot-plug trace points going to a file; the guest boots from the kernel and an
// initrd (busybox + init.sh, optionally behind replacement ACPI tables) and is then
// driven over QMP and over its console. One boot serves a whole scenario.
//
// No process outlives its test: QEMU is started by spawnTracked (it dies with the
// node process that started it, however that ends), and stop() always ends it.
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QmpTestClient } from '../../qmp/qmp-client.ts';
import { spawnTracked } from '../../support/children.ts';
import { scaled } from '../../support/load-scale.ts';
import { quitOrKill } from '../qmp-process.ts';
import { initrdWithTables, userlandInitrd } from './initramfs.ts';
import { SerialShell } from './serial-shell.ts';

export interface GuestConfig {
  readonly qemu: string;
  /** Machine arguments: -M, -cpu, -smp, -m, firmware (-bios, -L)... */
  readonly machineArgs: readonly string[];
  readonly kernel: string;
  readonly busybox: string;
  /** The console the command loop runs on. */
  readonly console: 'ttyS0' | 'ttyAMA0';
  /** Extra kernel command line. */
  readonly append?: string;
  /** Replacement tables for the initrd table upgrade (file name → bytes). */
  readonly tables?: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  /** QEMU trace patterns (`-trace`), written to a file. */
  readonly trace?: readonly string[];
  /** How hot-added CPUs get onlined: by the uevent rule (default) or not at all. */
  readonly online?: 'udev' | 'off';
}

/** How long a boot to the shell may take before it counts as hung (TCG, UEFI included). */
const BOOT_MS = 240_000;


export class LinuxGuest {
  /** Seconds from QEMU's start to the shell, and the guest's own uptime then. */
  bootSeconds = 0;
  guestUptime = 0;
  kernelRelease = '';
  private exitInfo: string | undefined;
  private traceOffset = 0;

  private constructor(
    readonly config: GuestConfig,
    readonly dir: string,
    private readonly proc: ChildProcess,
    readonly qmp: QmpTestClient,
    readonly shell: SerialShell,
  ) {}

  /** Starts QEMU paused, connects QMP and the console, lets it run and waits for the shell. */
  static async boot(config: GuestConfig): Promise<LinuxGuest> {
    const dir = mkdtempSync(join(tmpdir(), 'cpuhp-linux-'));
    const initrd = initrdWithTables(userlandInitrd(config.busybox), config.tables ?? [], join(dir, 'initrd.img'));
    const cmdline = [
      `console=${config.console}`, 'panic=-1', 'quiet', `cpuhp.tty=${config.console}`, `cpuhp.online=${config.online ?? 'udev'}`,
      ...(config.append ? [config.append] : []),
    ].join(' ');
    const args = [
      ...config.machineArgs,
      '-kernel', config.kernel, '-initrd', initrd, '-append', cmdline,
      '-display', 'none', '-nodefaults', '-no-reboot', '-S',
      '-chardev', `socket,id=con,path=${join(dir, 'serial.sock')},server=on,wait=off`, '-serial', 'chardev:con',
      '-qmp', `unix:${join(dir, 'qmp.sock')},server=on,wait=off`,
      ...(config.trace ?? []).flatMap((t) => ['-trace', t]),
      '-D', join(dir, 'qemu.log'),
    ];
    const started = Date.now();
    const stderr = openSync(join(dir, 'stderr.txt'), 'w');
    const proc = spawnTracked(config.qemu, args, { stdio: ['ignore', stderr, stderr] });
    closeSync(stderr);
    let exited = false;
    proc.once('exit', () => void (exited = true));
    const alive = () => !exited;
    let qmp: QmpTestClient | undefined;
    let shell: SerialShell | undefined;
    try {
      qmp = await QmpTestClient.negotiated(join(dir, 'qmp.sock'), { connectMs: scaled(30_000), timeoutMs: scaled(60_000), label: 'QEMU QMP' });
      shell = await SerialShell.connect(join(dir, 'serial.sock'), alive);
      const guest = new LinuxGuest(config, dir, proc, qmp, shell);
      proc.once('exit', (code, signal) => (guest.exitInfo = `QEMU exited (${signal ?? code}): ${guest.stderrTail()}`));
      const from = shell.mark;
      await qmp.execute('cont');
      const at = await shell.waitLine((l) => l.includes('=ready '), from, scaled(BOOT_MS));
      const [, uptime, release] = shell.line(at).slice(shell.line(at).indexOf('=ready ')).split(' ');
      guest.bootSeconds = (Date.now() - started) / 1000;
      guest.guestUptime = Number(uptime);
      guest.kernelRelease = release ?? '';
      return guest;
    } catch (e) {
      qmp?.close();
      shell?.destroy();
      proc.kill('SIGKILL');
      // The console's last lines show a kernel that panicked or QEMU's own last words.
      const consoleTail = shell ? shell.lines.slice(-15).join('\n') : '';
      const why = `${(e as Error).message}\n${tail(join(dir, 'stderr.txt'))}${consoleTail ? `\nconsole:\n${consoleTail}` : ''}`;
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`guest boot failed: ${why}`);
    }
  }

  /** Runs a shell command in the guest. */
  async sh(command: string, timeoutMs?: number): Promise<{ status: number; lines: readonly string[] }> {
    try {
      return await this.shell.run(command, timeoutMs);
    } catch (e) {
      throw new Error(this.exitInfo ?? (e as Error).message);
    }
  }

  /** Like sh(), but a non-zero status is an error. */
  async ok(command: string): Promise<readonly string[]> {
    const r = await this.sh(command);
    if (r.status !== 0) throw new Error(`guest: '${command}' failed (${r.status}): ${r.lines.join(' | ')}`);
    return r.lines;
  }

  /** Kernel messages since the previous call (dmesg -c). */
  async dmesg(): Promise<readonly string[]> {
    return this.ok('dmesg -c');
  }

  /** Trace lines written since the previous call. */
  takeTrace(): string[] {
    const text = readFrom(join(this.dir, 'qemu.log'), this.traceOffset);
    const complete = text.lastIndexOf('\n') + 1;
    this.traceOffset += Buffer.byteLength(text.slice(0, complete));
    return text.slice(0, complete).split('\n').filter((l) => l !== '');
  }

  /** QEMU's stderr so far (its last part). */
  stderrTail(): string {
    return tail(join(this.dir, 'stderr.txt'));
  }

  /** The signal that ended QEMU, if one did (a crash shows as SIGSEGV or SIGABRT). */
  get exitSignal(): NodeJS.Signals | null {
    return this.proc.signalCode;
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Ends QEMU (quit, then SIGKILL after a grace period) and removes the work folder. */
  async stop(): Promise<void> {
    await quitOrKill(this.proc, this.qmp);
    this.shell.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function readFrom(file: string, offset: number): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(1 << 16);
    for (let at = offset; ; ) {
      const n = readSync(fd, buf, 0, buf.length, at);
      if (n === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, n)));
      at += n;
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function tail(file: string, n = 3000): string {
  try {
    return readFileSync(file, 'utf8').slice(-n).trim();
  } catch {
    return '';
  }
}
