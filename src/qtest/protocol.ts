import type { AccessSize, AddressSpaceKind, Bus } from '../devices/index.ts';

/**
 * QEMU's qtest line protocol (softmmu/qtest.c), the part that drives registers:
 * port I/O, MMIO, endianness, IRQ interception. One command per line; each gets
 * exactly one reply line ("OK", "OK <value>" or "FAIL <why>"). Where QEMU aborts
 * on malformed input (an I/O port above 0xFFFF, a missing argument), we answer
 * FAIL and carry on: bad input never takes the machine down.
 */
export class QtestProtocol {
  private intercepting = false;

  /** `bus` is asked for on every access, so a restored machine is picked up. */
  constructor(
    private readonly bus: () => Bus,
    private readonly send: (line: string) => void,
  ) {}

  /** Called for every interrupt line change; printed only after irq_intercept_*. */
  irq(line: number, level: boolean): void {
    if (this.intercepting) this.send(`IRQ ${level ? 'raise' : 'lower'} ${line}`);
  }

  /** Handles one command line and sends its reply. */
  handle(line: string): void {
    const words = line.trim().split(/\s+/).filter((w) => w !== '');
    const [cmd, ...args] = words;
    if (cmd === undefined) return;
    try {
      this.send(this.run(cmd, args));
    } catch (e) {
      this.send(`FAIL ${e instanceof QtestError ? e.message : String(e)}`);
    }
  }

  private run(cmd: string, args: string[]): string {
    const io = PORT_IO[cmd];
    if (io) {
      const addr = num(args, 0, 'address');
      if (addr > 0xffff) throw new QtestError(`port 0x${addr.toString(16)} is outside 0..0xffff`);
      if (io.write) {
        this.access('io', addr, io.size, num(args, 1, 'value'), true);
        return 'OK';
      }
      return `OK 0x${this.access('io', addr, io.size, 0n, false).toString(16).padStart(4, '0')}`;
    }
    const mem = MMIO[cmd];
    if (mem) {
      const addr = num(args, 0, 'address');
      if (mem.write) {
        this.access('mmio', addr, mem.size, num(args, 1, 'value'), true);
        return 'OK';
      }
      return `OK 0x${this.access('mmio', addr, mem.size, 0n, false).toString(16).padStart(16, '0')}`;
    }
    switch (cmd) {
      case 'endianness':
        return 'OK little';
      case 'irq_intercept_in':
      case 'irq_intercept_out':
        if (args.length < 1) throw new QtestError(`${cmd} needs a device path`);
        this.intercepting = true;
        return 'OK';
      case 'read': {
        const addr = num(args, 0, 'address');
        const size = Number(num(args, 1, 'size'));
        if (size > MAX_BLOCK) throw new QtestError(`read of ${size} bytes exceeds ${MAX_BLOCK}`);
        let hex = '';
        for (let i = 0; i < size; i++) hex += this.access('mmio', addr + BigInt(i), 1, 0n, false).toString(16).padStart(2, '0');
        return `OK 0x${hex}`;
      }
      case 'write': {
        const addr = num(args, 0, 'address');
        const size = Number(num(args, 1, 'size'));
        const data = args[2]?.replace(/^0x/, '') ?? '';
        if (size > MAX_BLOCK || !/^([0-9a-fA-F]{2})*$/.test(data) || data.length / 2 > size) {
          throw new QtestError('write needs ADDR SIZE 0xDATA with at most SIZE bytes of hex data');
        }
        for (let i = 0; i < size; i++) {
          const byte = i < data.length / 2 ? BigInt(parseInt(data.slice(2 * i, 2 * i + 2), 16)) : 0n;
          this.access('mmio', addr + BigInt(i), 1, byte, true);
        }
        return 'OK';
      }
      case 'clock_step':
      case 'clock_set':
        // The machine has no timers of its own: virtual time does not move it.
        return 'OK 0';
      default:
        throw new QtestError(`Unknown command '${cmd}'`);
    }
  }

  private access(space: AddressSpaceKind, addr: bigint, size: AccessSize, value: bigint, write: boolean): bigint {
    if (addr + BigInt(size) > MAX_ADDRESS) throw new QtestError(`address 0x${addr.toString(16)} is outside the address space`);
    const a = Number(addr);
    if (write) {
      this.bus().write(space, a, size, value);
      return 0n;
    }
    return this.bus().read(space, a, size);
  }
}

class QtestError extends Error {}

const PORT_IO: Record<string, { size: AccessSize; write: boolean }> = {
  outb: { size: 1, write: true }, outw: { size: 2, write: true }, outl: { size: 4, write: true },
  inb: { size: 1, write: false }, inw: { size: 2, write: false }, inl: { size: 4, write: false },
};
const MMIO: Record<string, { size: AccessSize; write: boolean }> = {
  writeb: { size: 1, write: true }, writew: { size: 2, write: true }, writel: { size: 4, write: true }, writeq: { size: 8, write: true },
  readb: { size: 1, write: false }, readw: { size: 2, write: false }, readl: { size: 4, write: false }, readq: { size: 8, write: false },
};
/** read/write move bytes one at a time; cap them so one line cannot stall the machine. */
const MAX_BLOCK = 1 << 20;
const MAX_ADDRESS = 1n << 52n;

/** Parses a number as QEMU's qemu_strtou64(..., 0): 0x hex, leading-0 octal, or decimal. */
function num(args: readonly string[], i: number, what: string): bigint {
  const s = args[i];
  if (s === undefined) throw new QtestError(`missing ${what}`);
  let v: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) v = BigInt(s);
  else if (/^0[0-7]+$/.test(s)) v = BigInt(`0o${s.slice(1)}`);
  else if (/^[0-9]+$/.test(s)) v = BigInt(s);
  else throw new QtestError(`invalid ${what} '${s}'`);
  if (v > 0xffffffffffffffffn) throw new QtestError(`${what} '${s}' does not fit in 64 bits`);
  return v;
}
