// Per-slot status records (QEMU's AcpiCpuStatus) and the index of slots with a
// pending event that makes command 0's search fast.

/** The vCPU object occupying a slot, as the controller needs it: only its qdev id. */
export interface CpuRef {
  readonly id?: string | undefined;
}

/** QEMU's ACPIOSTInfo, as ACPI_DEVICE_OST and query-acpi-ospm-status carry it. */
export interface AcpiOstInfo {
  readonly device?: string;
  readonly slot: string;
  readonly 'slot-type': 'CPU';
  readonly source: number;
  readonly status: number;
}

/** A snapshot of one slot (QEMU's AcpiCpuStatus, plus `enabled`). */
export interface SlotStatus {
  /** Index = selector = the processor object's _UID. */
  readonly index: number;
  readonly archId: number;
  /**
   * The vCPU object in the slot. PRESENCE_TOGGLES: set exactly while enabled.
   * PRESENCE_ALWAYS: once set, kept for the VM's life (disabling keeps it).
   */
  readonly cpu: CpuRef | undefined;
  /** Flags bit 0: the slot holds an enabled (usable) vCPU. */
  readonly enabled: boolean;
  readonly inserting: boolean;
  readonly removing: boolean;
  /** OSPM handed the eject to firmware (never migrated, as in QEMU). */
  readonly fwRemove: boolean;
  readonly ostEvent: number;
  readonly ostStatus: number;
}

const ctz = (x: number): number => 31 - Math.clz32(x & -x);

/** The set of slots with a pending event, as command 0's search needs it. */
export interface PendingIndex {
  has(i: number): boolean;
  set(i: number, pending: boolean): void;
  /** The first pending slot in the order start..size-1, 0..start-1, or -1. */
  findWrapping(start: number): number;
  /** Work done by searches so far, for the benchmark. */
  probes: number;
}

/**
 * The set of slots with inserting | removing | fw_remove, as a two-level bitset:
 * one bit per slot in `leaf`, one bit per non-zero leaf word in `summary`. Finding
 * the next pending slot at or after i costs at most a few word loads (4096 slots =
 * 128 leaf words = 4 summary words), where QEMU's loop looks at every slot.
 */
export class PendingSet implements PendingIndex {
  private readonly leaf: Uint32Array;
  private readonly summary: Uint32Array;
  /** Word loads made by searches: what the benchmark reports as "probes". */
  probes = 0;

  constructor(readonly size: number) {
    this.leaf = new Uint32Array(Math.ceil(size / 32));
    this.summary = new Uint32Array(Math.ceil(this.leaf.length / 32));
  }

  has(i: number): boolean {
    return ((this.leaf[i >>> 5]! >>> (i & 31)) & 1) === 1;
  }

  set(i: number, pending: boolean): void {
    const w = i >>> 5;
    const word = pending ? this.leaf[w]! | (1 << (i & 31)) : this.leaf[w]! & ~(1 << (i & 31));
    this.leaf[w] = word;
    const s = w >>> 5;
    const bit = 1 << (w & 31);
    this.summary[s] = word !== 0 ? this.summary[s]! | bit : this.summary[s]! & ~bit;
  }

  /** The first pending slot >= start, or -1. */
  nextFrom(start: number): number {
    if (start >= this.size) return -1;
    let w = start >>> 5;
    this.probes++;
    const bits = this.leaf[w]! & (~0 << (start & 31));
    if (bits !== 0) return (w << 5) + ctz(bits);
    // Next non-empty leaf word after w, through the summary.
    w++;
    let s = w >>> 5;
    if (s >= this.summary.length) return -1;
    this.probes++;
    let sbits = this.summary[s]! & (~0 << (w & 31));
    while (sbits === 0) {
      if (++s >= this.summary.length) return -1;
      this.probes++;
      sbits = this.summary[s]!;
    }
    w = (s << 5) + ctz(sbits);
    this.probes++;
    return (w << 5) + ctz(this.leaf[w]!);
  }

  /**
   * QEMU's command-0 search: slots start, start+1, ..., size-1, 0, ..., start-1,
   * the first pending one, or -1. Same answer as hw/acpi/cpu.c's do/while loop.
   */
  findWrapping(start: number): number {
    const after = this.nextFrom(start);
    // Nothing at or after start: wrap; anything found now lies before start.
    return after >= 0 || start === 0 ? after : this.nextFrom(0);
  }
}

/** Event bits kept per slot in SlotTable.events. */
const INSERTING = 1;
const REMOVING = 2;
const FW_REMOVE = 4;

/**
 * All slots' state, with every change to an event bit going through one setter
 * so the pending index can never disagree with the records.
 */
export class SlotTable {
  readonly size: number;
  readonly pending: PendingIndex;
  private readonly archIds: readonly number[];
  private readonly cpus: (CpuRef | undefined)[];
  private readonly enabledBits: Uint8Array;
  private readonly events: Uint8Array;
  private readonly ostEvents: Uint32Array;
  private readonly ostStatuses: Uint32Array;

  /** `makeIndex` lets the benchmark put QEMU's linear scan in place of the bitset. */
  constructor(archIds: readonly number[], makeIndex: (size: number) => PendingIndex = (n) => new PendingSet(n)) {
    this.size = archIds.length;
    this.archIds = [...archIds];
    this.cpus = new Array<CpuRef | undefined>(this.size).fill(undefined);
    this.enabledBits = new Uint8Array(this.size);
    this.events = new Uint8Array(this.size);
    this.ostEvents = new Uint32Array(this.size);
    this.ostStatuses = new Uint32Array(this.size);
    this.pending = makeIndex(this.size);
  }

  archId(i: number): number { return this.archIds[i]!; }
  cpu(i: number): CpuRef | undefined { return this.cpus[i]; }
  enabled(i: number): boolean { return this.enabledBits[i] === 1; }
  inserting(i: number): boolean { return (this.events[i]! & INSERTING) !== 0; }
  removing(i: number): boolean { return (this.events[i]! & REMOVING) !== 0; }
  fwRemove(i: number): boolean { return (this.events[i]! & FW_REMOVE) !== 0; }
  ostEvent(i: number): number { return this.ostEvents[i]!; }
  ostStatus(i: number): number { return this.ostStatuses[i]!; }

  setCpu(i: number, cpu: CpuRef | undefined): void { this.cpus[i] = cpu; }
  setEnabled(i: number, on: boolean): void { this.enabledBits[i] = on ? 1 : 0; }
  setInserting(i: number, on: boolean): void { this.setEvent(i, INSERTING, on); }
  setRemoving(i: number, on: boolean): void { this.setEvent(i, REMOVING, on); }
  setFwRemove(i: number, on: boolean): void { this.setEvent(i, FW_REMOVE, on); }
  setOstEvent(i: number, v: number): void { this.ostEvents[i] = v; }
  setOstStatus(i: number, v: number): void { this.ostStatuses[i] = v; }

  private setEvent(i: number, bit: number, on: boolean): void {
    const e = on ? this.events[i]! | bit : this.events[i]! & ~bit;
    this.events[i] = e;
    this.pending.set(i, e !== 0);
  }

  /**
   * What QEMU's cpu_hotplug_hw_init leaves in every record (g_new0): no events and
   * no _OST values. The vCPU objects and enabled bits stay.
   */
  clearEvents(): void {
    for (let i = 0; i < this.size; i++) {
      this.events[i] = 0;
      this.pending.set(i, false);
    }
    this.ostEvents.fill(0);
    this.ostStatuses.fill(0);
  }

  /** acpi_cpu_device_status: the device id is the vCPU object's, read now. */
  ostInfo(i: number): AcpiOstInfo {
    const id = this.cpu(i)?.id;
    return {
      ...(id !== undefined ? { device: id } : {}),
      slot: String(i),
      'slot-type': 'CPU',
      source: this.ostEvent(i),
      status: this.ostStatus(i),
    };
  }

  snapshot(i: number): SlotStatus {
    return Object.freeze({
      index: i,
      archId: this.archId(i),
      cpu: this.cpu(i),
      enabled: this.enabled(i),
      inserting: this.inserting(i),
      removing: this.removing(i),
      fwRemove: this.fwRemove(i),
      ostEvent: this.ostEvent(i),
      ostStatus: this.ostStatus(i),
    });
  }
}
