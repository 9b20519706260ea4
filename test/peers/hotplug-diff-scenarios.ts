// The scripted scenarios of the hot-plug differential (issue #4). Each one is a
// short script played on QEMU 7.2 and on cpuhp, on pc-q35-7.2 and on
// pc-i440fx-7.2, from a fresh pair of processes after the fwinit writes. Both
// machine types start with the legacy 32-byte present bitmap at the block's base;
// `r.toModern()` is PRES._INI's write of 0 that switches to the 12-byte block.
//
// Unless a scenario says otherwise: `-smp 1,maxcpus=4`, so slots 0..3 are
// socket 0, core N, thread 0, with APIC id N, and CPU 0 (the boot CPU) is the
// only one present. The runner appends EPILOGUE to every script.

import type { X86Machine } from './qemu-tables.ts';
import type { Layout } from './hotplug-diff-side.ts';
import type { InOp, OutOp, QomPathOfCore, Step } from './hotplug-diff-run.ts';

export const CPU_TYPE = 'qemu64-x86_64-cpu';
export const DEFAULT_SMP = '1,maxcpus=4';
/** Two sockets of three cores: APIC ids 0, 1, 2, 4, 5, 6 (the core field is 2 bits wide). */
export const SPARSE_SMP = '1,sockets=2,cores=3,threads=1,maxcpus=6';

export interface Scenario {
  readonly name: string;
  /** -smp for both sides; default DEFAULT_SMP. */
  readonly smp?: string;
  /** The script ejects a CPU, which QEMU 7.2 survives only under KVM (peers/README.md §3). */
  readonly needsKvm?: boolean;
  /** Only on these machine types (default: both). */
  readonly machines?: readonly X86Machine[];
  readonly steps: (r: Regs) => Step[];
}

const WIDTHS: readonly [InOp, number][] = [['inb', 1], ['inw', 2], ['inl', 4]];

/** Step builders for one machine type's register layout. */
export class Regs {
  constructor(readonly m: Layout) {}

  // -- raw access, by offset in the block -------------------------------------
  read(op: InOp, offset: number, note?: string): Step {
    return { in: [op, this.m.cpu + offset], ...(note !== undefined ? { note } : {}) };
  }
  write(op: OutOp, offset: number, value: number, note?: string): Step {
    return { out: [op, this.m.cpu + offset, value], ...(note !== undefined ? { note } : {}) };
  }
  /** Reads of width 1, 2 and 4 at every offset in [from, to). Wide reads may run past `to`. */
  readsEverywhere(from: number, to: number, lastByte = Infinity): Step[] {
    return WIDTHS.flatMap(([op, n]) =>
      Array.from({ length: to - from }, (_, k) => from + k)
        .filter((o) => o + n - 1 <= lastByte)
        .map((o) => this.read(op, o)),
    );
  }

  // -- the legacy block ----------------------------------------------------------
  /** PRES._INI's `CSEL = Zero`: the write of 0 at the base that switches to the modern block. */
  toModern(): Step {
    return this.write('outl', 0, 0, 'switch to the modern block (PRES._INI)');
  }
  /** The whole 32-byte bitmap, at every width, never past its end. */
  bitmapReads(): Step[] {
    return this.readsEverywhere(0, 32, 31);
  }

  // -- the modern block (field names of QEMU's AML) --------------------------------
  select(idx: number, op: OutOp = 'outl'): Step {
    return this.write(op, 0, idx, 'CSEL');
  }
  flags(): Step {
    return this.read('inb', 4, 'flags');
  }
  setFlags(v: number, note?: string): Step {
    return this.write('outb', 4, v, note ?? 'flags write');
  }
  command(c: number): Step {
    return this.write('outb', 5, c, 'CCMD');
  }
  data(): Step {
    return this.read('inl', 8, 'CDAT');
  }
  data2(): Step {
    return this.read('inl', 0, 'command data 2');
  }
  setData(v: number): Step {
    return this.write('outl', 8, v, 'CDAT write');
  }
  /** Select a slot and read its flags. */
  slotFlags(idx: number): Step[] {
    return [this.select(idx), this.flags()];
  }
  /** Flags of every slot (changes the selector). */
  allFlags(slots = 4): Step[] {
    return Array.from({ length: slots }, (_, i) => this.slotFlags(i)).flat();
  }
  /** Command 0 and what it leaves: the selector (CDAT) and that slot's flags. */
  scan(): Step[] {
    return [this.command(0), this.data(), this.flags()];
  }
  /** What CPUS.COST does: command 1 + event, command 2 + status. */
  ost(idx: number, ev: number, st: number): Step[] {
    return [this.select(idx), this.command(1), this.setData(ev), this.command(2), this.setData(st)];
  }
  eject(idx: number): Step[] {
    return [this.select(idx), this.setFlags(0x08, 'eject'), this.flags()];
  }

  // -- GPE0 ---------------------------------------------------------------------
  gpeStatus(): Step {
    return { in: ['inb', this.m.gpeSts], note: 'GPE0 status' };
  }
  gpeEnable(bits: number): Step {
    return { out: ['outb', this.m.gpeEn, bits], note: 'GPE0 enable' };
  }
  gpeClear(bits = 0x04): Step {
    return { out: ['outb', this.m.gpeSts, bits], note: 'GPE0 status write-1-to-clear' };
  }

  /**
   * The chipset writes of qemu-tables.ts's fwinitX86, as steps: what the firmware
   * redoes after a reset (PMBASE and PCIEXBAR reset with the chipset, so QEMU's q35
   * GPE0 leaves 0x620 until then). cpuhp has no PCI config space and ignores them.
   */
  fwinit(): Step[] {
    const addr = (dev: number, fn: number, reg: number) => (0x80000000 | (dev << 11) | (fn << 8) | (reg & 0xfc)) >>> 0;
    const l = (dev: number, fn: number, reg: number, v: number): Step[] => [{ out: ['outl', 0xcf8, addr(dev, fn, reg)] }, { out: ['outl', 0xcfc, v >>> 0] }];
    const b = (dev: number, fn: number, reg: number, v: number): Step[] => [{ out: ['outl', 0xcf8, addr(dev, fn, reg)] }, { out: ['outb', 0xcfc + (reg & 3), v] }];
    return this.m.machine === 'q35'
      ? [...l(0, 0, 0x64, 0), ...l(0, 0, 0x60, 0xb0000001), ...l(0x1f, 0, 0x40, 0x601), ...b(0x1f, 0, 0x44, 0x80)]
      : [...l(1, 3, 0x40, 0x601), ...b(1, 3, 0x80, 0x01)];
  }

  // -- QMP ------------------------------------------------------------------------
  /** device_add of socket 0, core `core`, thread 0 (`core` may be any JSON value, to test errors). */
  add(core: unknown, id?: string, extra: Record<string, unknown> = {}, note?: string): Step {
    const args = { driver: CPU_TYPE, ...(id !== undefined ? { id } : {}), 'socket-id': 0, 'core-id': core, 'thread-id': 0, ...extra };
    return { qmp: 'device_add', args, ...(note !== undefined ? { note } : {}) };
  }
  /** device_add with exactly these arguments. */
  addRaw(args: Record<string, unknown>, note?: string): Step {
    return { qmp: 'device_add', args, ...(note !== undefined ? { note } : {}) };
  }
  del(id: string | QomPathOfCore): Step {
    return { qmp: 'device_del', args: { id } };
  }
  delRaw(args: Record<string, unknown>): Step {
    return { qmp: 'device_del', args };
  }
  q(command: string): Step {
    return { qmp: command };
  }
}

/** Appended to every script: the host's view and the GPE0 status at the end. */
export function epilogue(r: Regs): Step[] {
  return [
    r.q('query-hotpluggable-cpus'),
    r.q('query-cpus-fast'),
    r.q('query-acpi-ospm-status'),
    { in: ['inl', r.m.gpeSts], note: 'GPE0 status bytes' },
    { in: ['inl', r.m.gpeEn], note: 'GPE0 enable bytes' },
  ];
}

const pathOf = (core: number): QomPathOfCore => ({ $qomPathOfCore: core });

export const SCENARIOS: readonly Scenario[] = [
  // -- the legacy block (before PRES._INI) -------------------------------------------
  {
    name: 'legacy: the present bitmap at every width and offset',
    steps: (r) => [...r.bitmapReads(), r.gpeStatus(), r.q('query-acpi-ospm-status')],
  },
  {
    name: 'legacy: device_add sets the bitmap bit and GPE0 bit 2',
    steps: (r) => [
      r.add(3, 'cpu3'),
      r.read('inb', 0), r.read('inl', 0), r.gpeStatus(),
      r.add(1, 'cpu1'),
      ...r.bitmapReads(), r.gpeStatus(),
      r.q('query-acpi-ospm-status'),
    ],
  },
  {
    name: 'legacy: several CPUs with sparse APIC ids',
    smp: SPARSE_SMP,
    steps: (r) => [
      r.addRaw({ driver: CPU_TYPE, id: 'c2', 'socket-id': 0, 'core-id': 2, 'thread-id': 0 }),
      r.addRaw({ driver: CPU_TYPE, id: 'c4', 'socket-id': 1, 'core-id': 0, 'thread-id': 0 }),
      r.addRaw({ driver: CPU_TYPE, id: 'c6', 'socket-id': 1, 'core-id': 2, 'thread-id': 0 }),
      ...r.readsEverywhere(0, 4),
    ],
  },
  {
    name: 'legacy: writes that do not switch',
    steps: (r) => [
      r.write('outb', 0, 1), r.read('inb', 0),
      r.write('outb', 1, 0), r.read('inl', 0),
      r.write('outw', 0, 0x0201), r.read('inl', 0),
      r.write('outl', 0, 0xffffff01), r.read('inl', 0),
      r.write('outl', 4, 0), r.write('outb', 5, 0), r.write('outl', 8, 0), r.write('outb', 31, 0),
      r.add(2, 'cpu2'),
      r.read('inb', 0, 'still the bitmap: 0x05'), r.read('inb', 4),
    ],
  },
  {
    name: 'legacy: outl 0 at the base switches to the modern block',
    steps: (r) => [r.add(2, 'cpu2'), r.read('inb', 0), r.toModern(), ...r.readsEverywhere(0, 12), ...r.allFlags(), r.q('query-acpi-ospm-status')],
  },
  {
    name: 'legacy: outw 0x0100 at the base switches (its low byte is 0)',
    steps: (r) => [r.write('outw', 0, 0x0100), r.read('inb', 0), r.read('inb', 4), r.read('inl', 8), r.add(1, 'cpu1'), ...r.allFlags()],
  },
  {
    name: 'legacy: outb 0 at the base switches',
    steps: (r) => [r.write('outb', 0, 0), r.add(3, 'cpu3'), ...r.slotFlags(3), ...r.scan()],
  },
  {
    name: 'legacy: a CPU plugged before the switch has no insert event',
    steps: (r) => [
      r.add(1, 'cpu1'), r.gpeStatus(), r.toModern(),
      ...r.allFlags(), r.select(2), ...r.scan(), r.q('query-acpi-ospm-status'),
      r.add(3, 'cpu3'), r.select(0), ...r.scan(),
    ],
  },
  {
    name: 'legacy: device_del is refused',
    steps: (r) => [r.add(1, 'cpu1'), r.gpeClear(), r.del('cpu1'), r.gpeStatus(), r.read('inb', 0), r.toModern(), r.del('cpu1'), ...r.slotFlags(1)],
  },
  {
    name: 'legacy: query-hotpluggable-cpus and query-acpi-ospm-status',
    steps: (r) => [
      r.q('query-hotpluggable-cpus'), r.add(2, 'cpu2'), r.q('query-hotpluggable-cpus'), r.q('query-acpi-ospm-status'),
      r.q('system_reset'), ...r.fwinit(), r.read('inb', 0, 'still the bitmap after a reset'), r.gpeStatus(), r.q('query-acpi-ospm-status'),
    ],
  },

  // -- plug and the scan (command 0) ---------------------------------------------------
  {
    name: 'plug: insert event, GPE0 bit 2, scan and acknowledge',
    steps: (r) => [
      r.toModern(), r.gpeStatus(), r.add(2, 'cpu2'), r.gpeStatus(),
      ...r.allFlags(), r.select(0), ...r.scan(),
      r.setFlags(0x02, 'clear insert'), r.flags(), ...r.scan(), r.gpeClear(), r.gpeStatus(),
    ],
  },
  {
    name: 'plug: several CPUs, each scan finds the next one',
    steps: (r) => [
      r.toModern(), r.add(3, 'cpu3'), r.add(1, 'cpu1'), r.add(2, 'cpu2'),
      r.select(0), ...r.scan(), r.setFlags(0x02), ...r.scan(), r.setFlags(0x02), ...r.scan(), r.setFlags(0x02), ...r.scan(),
    ],
  },
  {
    name: 'scan: the search wraps around past the last slot',
    steps: (r) => [
      r.toModern(), r.add(1, 'cpu1'), r.add(3, 'cpu3'),
      r.select(2), ...r.scan(), r.setFlags(0x02, 'clear insert of 3'),
      ...r.scan(), r.select(3), ...r.scan(), r.setFlags(0x02), ...r.scan(),
    ],
  },
  {
    name: 'scan: no event left keeps the selector',
    steps: (r) => [r.toModern(), r.select(2), ...r.scan(), r.select(3), r.command(0), r.data(), r.select(9), r.command(0), r.data(), r.select(1), r.command(0), r.data()],
  },

  // -- unplug request, eject ------------------------------------------------------------
  {
    name: 'unplug request: remove event and acknowledge',
    steps: (r) => [
      r.toModern(), r.add(1, 'cpu1'), r.select(1), r.setFlags(0x02), r.gpeClear(),
      r.del('cpu1'), r.gpeStatus(), r.flags(), r.select(0), ...r.scan(),
      r.setFlags(0x04, 'clear remove'), r.flags(), ...r.scan(), r.q('query-hotpluggable-cpus'),
    ],
  },
  {
    name: 'unplug request: repeated device_del',
    steps: (r) => [
      r.toModern(), r.add(2, 'cpu2'), r.select(2), r.setFlags(0x02), r.gpeClear(),
      r.del('cpu2'), r.del('cpu2'), r.flags(), r.gpeStatus(), r.gpeClear(),
      r.setFlags(0x04), r.del('cpu2'), r.gpeStatus(), r.flags(),
    ],
  },
  {
    name: 'eject: device_del, acknowledge, eject, DEVICE_DELETED',
    needsKvm: true,
    steps: (r) => [
      r.toModern(), r.add(1, 'cpu1'), r.select(1), r.setFlags(0x02),
      r.del('cpu1'), r.flags(), r.setFlags(0x04), ...r.eject(1),
      ...r.allFlags(), r.q('query-hotpluggable-cpus'), r.q('query-cpus-fast'), r.del('cpu1'),
    ],
  },
  {
    name: 'eject: the boot CPU is refused',
    steps: (r) => [r.toModern(), ...r.eject(0), r.setFlags(0x10, 'fw_remove on the boot CPU'), r.flags(), ...r.scan(), r.q('query-cpus-fast')],
  },
  {
    name: 'eject: an empty slot and an out-of-range selector do nothing',
    steps: (r) => [r.toModern(), ...r.eject(2), r.setFlags(0x10), r.flags(), ...r.eject(4), ...r.eject(0xff), ...r.allFlags(), ...r.scan()],
  },
  {
    name: 'eject: a pending insert survives the eject',
    needsKvm: true,
    steps: (r) => [r.toModern(), r.add(3, 'cpu3'), ...r.eject(3), r.select(0), ...r.scan(), r.setFlags(0x02), ...r.scan()],
  },
  {
    name: 'eject: without device_del (the guest ejects on its own)',
    needsKvm: true,
    steps: (r) => [r.toModern(), r.add(2, 'cpu2'), r.select(2), r.setFlags(0x02), ...r.eject(2), r.q('query-hotpluggable-cpus')],
  },
  {
    name: 'plug after unplug: the same id in the same slot, then another slot',
    needsKvm: true,
    steps: (r) => [
      r.toModern(), r.add(1, 'cpu1'), r.select(1), r.setFlags(0x02), r.del('cpu1'), r.setFlags(0x04), ...r.eject(1),
      r.add(1, 'cpu1'), ...r.slotFlags(1), r.setFlags(0x02), r.del('cpu1'), r.setFlags(0x04), ...r.eject(1),
      r.add(3, 'cpu1'), ...r.allFlags(), r.q('query-hotpluggable-cpus'),
    ],
  },
  {
    name: 'fw_remove: flag bit 4, its scan, and the eject that clears it',
    needsKvm: true,
    steps: (r) => [
      r.toModern(), r.add(1, 'cpu1'), r.select(1), r.setFlags(0x02), r.del('cpu1'), r.setFlags(0x04),
      r.setFlags(0x10, 'fw_remove'), r.flags(), r.select(3), ...r.scan(), r.setFlags(0x10), r.flags(),
      ...r.eject(1), ...r.scan(),
    ],
  },
  {
    name: 'fw_remove: set without an eject',
    steps: (r) => [r.toModern(), r.add(2, 'cpu2'), r.select(2), r.setFlags(0x02), r.setFlags(0x10), r.flags(), r.select(0), ...r.scan(), r.setFlags(0x02), r.setFlags(0x04), r.flags()],
  },

  // -- flag writes with several bits --------------------------------------------------------
  {
    name: 'flags: several bits set act on the lowest of bits 1..4 only',
    steps: (r) => [
      r.toModern(), r.add(1, 'cpu1'), r.del('cpu1'), r.select(1), r.flags(),
      r.setFlags(0x01, 'bit 0 alone'), r.flags(), r.setFlags(0xe0, 'bits 5..7'), r.flags(),
      r.setFlags(0x06, 'insert+remove: clears insert'), r.flags(),
      r.setFlags(0x16, 'again: insert is clear, but bit 1 still wins'), r.flags(),
      r.setFlags(0x1c, 'remove+eject+fw: clears remove'), r.flags(),
      r.setFlags(0x14), r.flags(), r.setFlags(0x30, 'fw_remove + bit 5'), r.flags(),
      r.write('outw', 4, 0x0002, 'word write at flags: command byte 0'), r.flags(), r.data(),
      r.write('outl', 4, 0x00000312), r.flags(),
    ],
  },
  {
    name: 'flags: several bits set with eject the lowest',
    needsKvm: true,
    steps: (r) => [
      r.toModern(), r.add(1, 'cpu1'), r.add(2, 'cpu2'), r.select(1), r.setFlags(0x02), r.select(2), r.setFlags(0x02),
      r.select(1), r.setFlags(0x18, 'eject + fw_remove'), r.flags(),
      r.select(2), r.setFlags(0xf8, 'eject + bits 4..7'), r.flags(), r.q('query-hotpluggable-cpus'),
    ],
  },

  // -- _OST ---------------------------------------------------------------------------------
  {
    name: '_OST: event then status, ACPI_DEVICE_OST on the status write',
    steps: (r) => [
      r.toModern(), r.add(1, 'cpu1'), ...r.ost(1, 0x01, 0x80), r.q('query-acpi-ospm-status'),
      ...r.ost(1, 0x03, 0x00), r.select(1), r.command(2), r.setData(0x8f), r.setData(0x84), r.q('query-acpi-ospm-status'),
    ],
  },
  {
    name: '_OST: boot CPU, empty slot, out-of-range selector',
    steps: (r) => [
      r.toModern(), ...r.ost(0, 0x103, 0x81), ...r.ost(3, 0x03, 0x02), ...r.ost(4, 0x01, 0x80), ...r.ost(0xffffffff, 1, 2),
      r.q('query-acpi-ospm-status'),
    ],
  },
  {
    name: '_OST: a device_del then the eject request status, from a CPU without id',
    steps: (r) => [
      r.toModern(), r.add(2), r.del(pathOf(2)), ...r.ost(2, 0x03, 0x80), r.q('query-acpi-ospm-status'), r.q('query-hotpluggable-cpus'),
    ],
  },

  // -- command 3 and the data registers --------------------------------------------------------
  {
    name: 'command 3: arch ids in both data registers',
    smp: SPARSE_SMP,
    steps: (r) =>
      [r.toModern(), r.addRaw({ driver: CPU_TYPE, id: 'c5', 'socket-id': 1, 'core-id': 1, 'thread-id': 0 })].concat(
        ...[0, 1, 2, 3, 4, 5, 6].map((i) => [
          r.select(i), r.command(3), r.data(), r.data2(), r.read('inw', 8), r.read('inb', 8), r.read('inb', 0), r.read('inw', 0), r.flags(),
        ]),
      ),
  },
  {
    name: 'command data: writes with commands 0 and 3 are ignored, bad commands too',
    steps: (r) => [
      r.toModern(), r.select(1), r.command(3), r.setData(0x1234), r.data(), r.command(0), r.setData(7), r.data(),
      r.command(3), r.command(4), r.data(), r.command(0xff), r.data(), r.command(1), r.command(0x10), r.setData(5),
      r.q('query-acpi-ospm-status'),
    ],
  },

  // -- selectors -------------------------------------------------------------------------------
  {
    name: 'selector: writes of each width replace it',
    steps: (r) => [
      r.toModern(), r.add(2, 'cpu2'),
      r.select(0x0103, 'outw'), r.command(3), r.data(), r.select(2, 'outb'), r.data(), r.flags(),
      r.write('outb', 1, 3, 'byte at offset 1: reserved'), r.data(), r.write('outw', 1, 1), r.data(),
      r.write('outb', 2, 1), r.data(), r.write('outl', 0, 0x00000101), r.data(), r.flags(),
    ],
  },
  {
    name: 'selector: out of range reads 0 and ignores writes',
    steps: (r) => [
      r.toModern(), r.add(1, 'cpu1'), r.select(1), r.command(3),
      ...[4, 0x100, 0xffffffff].flatMap((sel) => [
        r.select(sel), ...r.readsEverywhere(0, 12),
        r.setFlags(0x02), r.command(1), r.setData(0x55), r.setFlags(0x08),
      ]),
      r.select(1), r.flags(), r.data(), r.q('query-acpi-ospm-status'),
    ],
  },

  // -- widths and offsets ----------------------------------------------------------------------
  {
    name: 'reads: each width at each offset, with commands 0, 3 and 1',
    steps: (r) => [
      r.toModern(), r.add(3, 'cpu3'),
      ...[0, 3, 1].flatMap((c) => [r.select(3), r.command(c), ...r.readsEverywhere(0, 12)]),
    ],
  },
  {
    name: 'reads: each width at each offset, remove pending on slot 2',
    steps: (r) => [r.toModern(), r.add(2, 'cpu2'), r.select(2), r.setFlags(0x02), r.del('cpu2'), r.command(0), ...r.readsEverywhere(0, 12)],
  },
  {
    name: 'writes: unaligned accesses are cut into aligned pieces',
    steps: (r) => [
      r.toModern(), r.add(1, 'cpu1'), r.select(1),
      r.write('outw', 3, 0x0200, 'byte 4 = 0x02: clears insert'), r.flags(),
      r.write('outl', 5, 0x11000001, 'command 1, then 0x11 as command data'),
      r.write('outw', 7, 0x8000, 'byte 8 = 0x80: data write'),
      r.write('outl', 1, 0x02000000, 'byte 4 = 0x02'),
      r.write('outl', 2, 0x00000200), r.write('outl', 3, 0x00010200),
      r.read('inl', 3), r.read('inl', 5), r.read('inw', 7), r.read('inl', 7),
      r.q('query-acpi-ospm-status'),
    ],
  },

  // -- GPE0 ------------------------------------------------------------------------------------
  {
    name: 'GPE0: status and enable registers at each width',
    steps: (r) => {
      const gpe = (op: InOp, at: number): Step => ({ in: [op, at] });
      const all = (): Step[] =>
        WIDTHS.flatMap(([op, n]) =>
          Array.from({ length: 2 * r.m.gpeHalf }, (_, k) => r.m.gpeSts + k).filter((a) => a + n <= r.m.gpeSts + 2 * r.m.gpeHalf).map((a) => gpe(op, a)),
        );
      return [
        ...all(), r.gpeEnable(0x04), r.toModern(), r.add(1, 'cpu1'), ...all(),
        r.gpeClear(0x03), r.gpeStatus(), r.gpeClear(0xff), r.gpeStatus(),
        { out: ['outw', r.m.gpeEn, 0xffff] }, ...all(), { out: ['outl', r.m.gpeSts, 0] }, r.gpeStatus(),
      ];
    },
  },

  // -- QMP errors ---------------------------------------------------------------------------------
  {
    name: 'device_add: every kind of error',
    steps: (r) => [
      r.addRaw({ driver: 'nosuch-device' }),
      r.addRaw({ driver: 'Haswell-x86_64-cpu', 'socket-id': 0, 'core-id': 1, 'thread-id': 0 }),
      r.addRaw({ driver: 'max-arm-cpu', id: 'arm' }),
      r.addRaw({ driver: 'x86_64-cpu', 'socket-id': 0, 'core-id': 1, 'thread-id': 0 }),
      r.addRaw({ driver: 'cpu' }),
      r.addRaw({ id: 'x' }), r.addRaw({ driver: null }), r.addRaw({ driver: 5 }),
      r.addRaw({ driver: CPU_TYPE, bus: 'nosuch', 'socket-id': 0, 'core-id': 1, 'thread-id': 0 }),
      r.add(1, 'b1', { bus: r.m.machine === 'q35' ? 'pcie.0' : 'pci.0' }),
      r.add(1, 'b2', { bus: 'isa.0' }), r.add(1, 'b3', { bus: 5 }),
      r.add(1, '1bad'), r.add(1, 'a b'), r.add(1, ''),
      r.add(1, 'dup'), r.add(2, 'dup'),
      r.add(2, 'x2', { foo: 1 }),
      r.addRaw({ driver: CPU_TYPE, id: 'x3', 'socket-id': 0, 'thread-id': 0 }),
      r.addRaw({ driver: CPU_TYPE, id: 'x4', 'core-id': 2, 'thread-id': 0 }),
      r.addRaw({ driver: CPU_TYPE, id: 'x5', 'socket-id': 0, 'core-id': 2 }),
      r.add(4, 'x6'), r.add(0x7fffffff, 'x7'), r.add(-1, 'x7a'), r.add(-7, 'x7b'), r.add(null, 'x7c'), r.add({ a: 1 }, 'x7d'),
      r.addRaw({ driver: CPU_TYPE, id: 'x8', 'socket-id': 1, 'core-id': 2, 'thread-id': 0 }),
      r.addRaw({ driver: CPU_TYPE, id: 'x9', 'socket-id': 0, 'core-id': 2, 'thread-id': 1 }),
      r.add(2, 'x10', { 'die-id': 1 }),
      r.add(0, 'x11'), r.add(1, 'x12'),
      r.add(2, 'x13', { 'node-id': 1 }), r.add(2, 'x13a', { 'node-id': -2 }), r.add(2, 'x13b', { 'node-id': 'x' }),
      r.add(2, 'x14', { 'core-id': 'two' }), r.add(2, 'x15', { 'core-id': '2 ' }), r.add(2, 'x16', { 'core-id': '0x' }),
      r.add(2, 'x17', { 'core-id': '010' }, 'octal: 8'), r.add(2, 'x18', { 'core-id': 1.5 }), r.add(2, 'x19', { 'core-id': true }),
      r.add(2, 'x20', { 'core-id': 2 ** 31 }), r.add(2, 'x21', { 'core-id': -(2 ** 31) - 1 }), r.add(2, 'x22', { 'core-id': '99999999999999999999' }),
      // Which of several errors wins: QEMU checks the id's form, the driver, the bus,
      // a duplicate id and the properties before the CPU type.
      r.addRaw({ driver: 'nosuch', id: '1bad' }), r.addRaw({ driver: 'nosuch', bus: 'nosuch' }),
      r.addRaw({ driver: 'Haswell-x86_64-cpu', id: 'dup' }), r.addRaw({ driver: 'Haswell-x86_64-cpu', 'core-id': 'x' }),
      r.addRaw({ driver: 'Haswell-x86_64-cpu', foo: 1 }),
      r.q('query-hotpluggable-cpus'),
    ],
  },
  {
    name: 'device_add: accepted forms of the properties',
    steps: (r) => [
      r.toModern(),
      r.add(1, 'n1', { 'core-id': '0x1', 'node-id': -1, 'die-id': 0 }),
      r.add(2, 'd2', { 'core-id': ' +2', 'die-id': -1, 'node-id': '0' }),
      r.addRaw({ driver: CPU_TYPE, id: true, 'socket-id': '0', 'core-id': 3, 'thread-id': '00' }, 'a non-string id is dropped'),
      ...r.allFlags(), r.q('query-hotpluggable-cpus'), r.q('query-cpus-fast'), r.q('query-acpi-ospm-status'),
    ],
  },
  {
    name: 'device_del: every kind of error',
    steps: (r) => [
      r.del('nosuch'), r.delRaw({}), r.delRaw({ id: 5 }), r.delRaw({ id: null }), r.delRaw({ id: 'x', foo: 1 }),
      r.del(''), r.del('/'), r.del('/machine'), r.del('//machine'), r.del('/machine/peripheral/'), r.del('/machine/peripheral-anon'),
      r.del('/machine/unattached'), r.del('/machine/peripheral/nosuch'), r.del('nosuch/x'),
      // Not sent: device_del of '/machine/unattached/device[0]/lapic' (the boot CPU's
      // APIC) aborts QEMU 7.2, KVM and TCG alike: "qdev_unplug: assertion failed:
      // (hotplug_ctrl)". A QEMU bug; cpuhp answers DeviceNotFound.
      r.del(pathOf(0)), r.toModern(), r.del(pathOf(0)),
      r.add(1, 'cpu1'), r.del('cpu1'), r.del('/machine/peripheral/cpu1'), r.del('//machine/peripheral//cpu1/'),
      r.gpeStatus(), ...r.slotFlags(1),
    ],
  },
  {
    name: 'QMP: negotiation, unknown commands and arguments, run state',
    steps: (r) => [
      r.q('qmp_capabilities'), r.q('nosuch'), { qmp: 'query-hotpluggable-cpus', args: { x: 1 } },
      r.q('query-status'), r.q('query-name'), r.q('query-version'), r.q('stop'), r.q('query-status'),
    ],
  },

  {
    name: 'system_reset: the block keeps its state, GPE0 is cleared',
    steps: (r) => [
      r.gpeEnable(0x04), r.toModern(), r.add(1, 'cpu1'), r.add(2, 'cpu2'), r.select(1), r.setFlags(0x02), r.del('cpu1'),
      ...r.ost(1, 0x03, 0x80), r.select(2), r.command(3), r.gpeStatus(),
      r.q('system_reset'), r.q('query-status'), ...r.fwinit(),
      r.gpeStatus(), { in: ['inb', r.m.gpeEn], note: 'GPE0 enable' }, r.flags(), r.data(), r.read('inb', 0, 'not the legacy bitmap'),
      ...r.allFlags(), ...r.scan(), r.q('query-acpi-ospm-status'), r.q('query-cpus-fast'),
      r.add(3, 'cpu3'), r.gpeStatus(), ...r.slotFlags(3),
    ],
  },

  // -- host queries ----------------------------------------------------------------------------------
  {
    name: 'queries: hot-pluggable CPUs, cpus-fast, ospm status through plug states',
    steps: (r) => [
      r.q('query-hotpluggable-cpus'), r.q('query-cpus-fast'), r.toModern(), r.q('query-acpi-ospm-status'),
      r.add(3, 'cpu3'), r.add(1), r.q('query-hotpluggable-cpus'), r.q('query-cpus-fast'), r.q('query-acpi-ospm-status'),
      r.del('cpu3'), r.del(pathOf(1)), r.q('query-hotpluggable-cpus'), r.q('query-status'),
    ],
  },
  {
    name: 'queries: a sparse topology',
    smp: SPARSE_SMP,
    steps: (r) => [
      r.q('query-hotpluggable-cpus'), r.toModern(),
      r.addRaw({ driver: CPU_TYPE, id: 'c4', 'socket-id': 1, 'core-id': 0, 'thread-id': 0 }),
      r.q('query-hotpluggable-cpus'), r.q('query-cpus-fast'), r.q('query-acpi-ospm-status'),
      ...r.allFlags(6), ...r.scan(),
    ],
  },
];
