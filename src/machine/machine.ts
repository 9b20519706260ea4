import type { PlatformEvents } from '../arch/index.ts';
import { Listeners, type ListenOptions } from '../base/index.ts';
import { CpuHotplugController, CpuHotplugError, type AcpiOstInfo, type TraceEvent } from '../hotplug/index.ts';
import { Bus, type BusAccess } from '../devices/index.ts';
import { BOOT_CPU_INDEX, CPU_ID_PROPS, type CpuIdProp, DeviceError } from '../topology/index.ts';
import type { Chipset } from './machine-types.ts';
import type { MachineConfig } from './possible-cpus.ts';
import type { CpuProps } from '../topology/index.ts';
import type { VCpu } from './vcpu.ts';
import { decodeMachineState, encodeMachineState, formatTopology, MachineStateError, type MachineState } from './machine-state.ts';
import { followsQemu, MACHINE_TYPES, type MachineType } from './machine-types.ts';

/** Everything observable a machine does, in the order it happens. */
export type MachineEvent =
  | { readonly type: 'qmp-event'; readonly event: 'ACPI_DEVICE_OST' | 'DEVICE_DELETED'; readonly data: Record<string, unknown> }
  | { readonly type: 'irq'; readonly line: number; readonly level: boolean }
  | { readonly type: 'trace'; readonly event: TraceEvent }
  | { readonly type: 'bus'; readonly access: BusAccess }
  | { readonly type: 'vcpu'; readonly action: 'created' | 'enabled' | 'disabled' | 'destroyed'; readonly index: number; readonly id?: string };

/** The machine's trace detail: each register access piece and each hot-plug trace point. */
export function isMachineTrace(e: MachineEvent): boolean {
  return e.type === 'bus' || e.type === 'trace';
}

/** One entry of query-hotpluggable-cpus (QEMU's HotpluggableCPU). */
export interface HotpluggableCpu {
  readonly type: string;
  readonly 'vcpus-count': 1;
  readonly props: CpuProps;
  readonly 'qom-path'?: string;
}

/** One entry of query-cpus-fast (QEMU's CpuInfoFast). */
export interface CpuInfoFast {
  readonly 'cpu-index': number;
  readonly 'qom-path': string;
  readonly 'thread-id': number;
  readonly props: CpuProps;
  readonly target: string;
}

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** How device_add's arguments reach the device: see Machine.deviceAdd. */
export type DeviceArgsForm = 'qemu-opts' | 'json';

/** QOM containers that device_del can name but that are not devices. */
const QOM_CONTAINERS = new Set(['/', '/machine', '/machine/peripheral', '/machine/peripheral-anon', '/machine/unattached']);

/** The buses every board of a chipset has, with QEMU's type names (a CPU goes on none). */
const ROOT_BUSES: Readonly<Record<Chipset, Readonly<Record<string, string>>>> = {
  q35: { 'pcie.0': 'PCIE', 'isa.0': 'ISA' },
  i440fx: { 'pci.0': 'PCI', 'isa.0': 'ISA' },
  virt: { 'pcie.0': 'PCIE' },
};

/**
 * A running machine as hot-plug sees it: vCPU objects, the hot-plug handler chain
 * (pre-plug checks, plug, unplug request, unplug), the CPU hot-plug controller on
 * the guest bus and the platform's event device. Deterministic: nothing happens
 * except in response to a call, and every effect is reported to the observers.
 */
export class Machine {
  readonly bus = new Bus();
  readonly controller: CpuHotplugController;
  private readonly events: PlatformEvents;
  private readonly vcpus: (VCpu | undefined)[];
  /**
   * The enabled vCPUs by id and by QOM path, so device_add's duplicate check and
   * device_del's lookup cost the same at 4096 vCPUs as at 4 (they scanned every
   * slot: hot-plugging N vCPUs was quadratic). Kept by track()/untrack().
   */
  private readonly byId = new Map<string, VCpu>();
  private readonly byPath = new Map<string, VCpu>();
  /** The bus is observed only while some observer wants the trace detail (isMachineTrace). */
  private unobserveBus: (() => void) | undefined;
  private readonly observers = new Listeners<[MachineEvent]>((tracing) => {
    this.unobserveBus?.();
    this.unobserveBus = tracing ? this.bus.observe((access) => this.emit({ type: 'bus', access })) : undefined;
  });
  private unattached = 0;
  private anonymous = 0;
  /**
   * When each vCPU object was created. QEMU's query-cpus-fast walks its CPU list,
   * which is in realize order (a hot-plugged CPU goes to the tail), not slot order:
   * the hotplug differential (test/peers/hotplug-differential.test.ts) saw QEMU 7.2
   * list cores 0, 3, 1 after device_add of core 3 then core 1. Objects restored from
   * a migration stream have no entry and keep slot order, before any newer one.
   */
  private readonly createdAt = new WeakMap<VCpu, number>();
  private created = 0;
  /** The machine type whose tables the guest runs (see MachineState.guestTables). */
  private guestTablesType: MachineType;

  /**
   * Builds a machine from its configuration. With `state` (a stream from
   * saveState) it is the destination of a migration: its vCPU objects and
   * hot-plug state are the source's. Throws MachineStateError or
   * HotplugStateError for a stream that does not fit; nothing is half-built.
   */
  constructor(
    readonly config: MachineConfig,
    state?: Uint8Array | MachineState,
  ) {
    const { platform, cpus, type } = config;
    this.guestTablesType = type;
    this.events = platform.wireEvents(this.bus, (line, level) => this.emit({ type: 'irq', line, level }));
    this.controller = new CpuHotplugController({
      slots: cpus.map((c) => ({ archId: c.archId })),
      presence: platform.presence,
      legacy: type.legacyCpuHotplug,
      bootIndex: BOOT_CPU_INDEX,
      cpuType: platform.cpuType,
      presentBit: type.cpuPresentBit,
      sendEvent: () => this.events.sendCpuHotplugEvent(),
      eject: (index) => this.unplug(index),
      ost: (info) => this.emit({ type: 'qmp-event', event: 'ACPI_DEVICE_OST', data: { info } }),
      trace: (event) => this.emit({ type: 'trace', event }),
      tracing: () => this.observers.tracing,
    });
    this.mapController();
    if (state) {
      const s = this.checkState(state instanceof Uint8Array ? decodeMachineState(state) : state);
      this.vcpus = s.slots.map((slot, index) => (slot.exists ? this.restore(index, slot) : undefined));
      for (const v of this.vcpus) if (v) this.controller.attach(v.index, v, v.enabled);
      for (const v of this.vcpus) if (v?.enabled) this.track(v);
      this.controller.loadState(s.hotplug);
      this.events.load(s.events);
      this.serveGuestTables(MACHINE_TYPES.find((t) => t.name === s.guestTables) ?? type);
      this.mapController();
      this.unattached = s.unattached;
      this.anonymous = s.anonymous;
      return;
    }
    // x86: only the cold-plugged vCPUs exist. arm64: every possible vCPU is created
    // now, because its interrupt-controller state cannot be added after boot.
    const keepAll = !platform.presence.destroyOnUnplug;
    this.vcpus = cpus.map((c) => (c.coldPlugged || keepAll ? this.create(c.index) : undefined));
    for (const v of this.vcpus) {
      if (!v) continue;
      v.enabled = cpus[v.index]!.coldPlugged;
      this.controller.attach(v.index, v, v.enabled);
      if (v.enabled) this.track(v);
    }
  }

  private track(v: VCpu): void {
    if (v.id !== undefined) this.byId.set(v.id, v);
    this.byPath.set(v.qomPath, v);
  }

  private untrack(v: VCpu): void {
    if (v.id !== undefined && this.byId.get(v.id) === v) this.byId.delete(v.id);
    if (this.byPath.get(v.qomPath) === v) this.byPath.delete(v.qomPath);
  }

  /**
   * system_reset, as far as the machine's devices go. QEMU 7.2's ich9 and piix4
   * pm_reset run acpi_gpe_reset: GPE0 status and enable read 0 afterwards (the
   * hotplug differential saw pc-i440fx-7.2's 0xafe0/0xafe2 read 0 after system_reset
   * where cpuhp kept 0x04), and the SCI drops. The arm64 GED's pending bits are
   * cleared the same way. The hot-plug block and the vCPUs keep their state, as in
   * QEMU: modern mode, pending events, selector, command and _OST values survive.
   */
  reset(): void {
    this.events.load(new Uint8Array(this.events.save().length));
    // The guest reboots on this machine's own tables.
    this.serveGuestTables(this.config.type);
  }

  /**
   * Serves the register ABI that the guest's AML expects: a guest that booted on
   * the RFC-exact virt-9.2 reads flags bit 5 (CPRS) in its CSTA and would see every
   * vCPU vanish on a block that reads it as 0 (why QEMU reverted the bit,
   * qemu-cpuhp.md §6.3), so a machine that takes it over keeps setting the bit
   * until the guest reboots on the machine's own tables.
   */
  private serveGuestTables(t: MachineType): void {
    this.guestTablesType = t;
    this.controller.presentBit = t.cpuPresentBit;
  }

  /** The machine type whose AML the guest runs now (its own unless migrated in). */
  get guestTables(): string {
    return this.guestTablesType.name;
  }

  /** The migration stream of this machine (see machine-state.ts), with the VM's run state. */
  saveState(runState = 'running'): Uint8Array {
    return encodeMachineState({
      machineType: this.config.type.name,
      guestTables: this.guestTablesType.name,
      topology: this.config.topology,
      runState,
      unattached: this.unattached,
      anonymous: this.anonymous,
      slots: this.config.cpus.map((c) => {
        const v = this.vcpus[c.index];
        return { exists: v !== undefined, enabled: v?.enabled ?? false, hotplugged: v?.hotplugged ?? false, id: v?.id, qomPath: v?.qomPath ?? '' };
      }),
      events: this.events.save(),
      hotplug: this.controller.saveState(),
    });
  }

  private checkState(s: MachineState): MachineState {
    const { type, cpus, platform } = this.config;
    // Any version of the same chipset will do (pc-q35-7.2 ⇄ q35, pc-i440fx-7.2 ⇄ pc):
    // the register block, its vmstate and the event device are one ABI across them,
    // and the guest keeps running the AML it booted with (qemu-cpuhp.md §6.3). Fix:
    // this compared type names, which refused the migration between versions that
    // test/vm/migration.test.ts makes. Another chipset has other devices elsewhere.
    const from = MACHINE_TYPES.find((t) => t.name === s.machineType);
    if (from?.chipset !== type.chipset) {
      const why = from ? `chipset ${from.chipset}, not ${type.chipset}` : 'an unknown machine type';
      throw new MachineStateError('wrong-machine', `cannot load the state of machine '${s.machineType}' into '${type.name}' (${why})`);
    }
    const tables = MACHINE_TYPES.find((t) => t.name === s.guestTables);
    if (tables?.chipset !== type.chipset) {
      throw new MachineStateError('wrong-machine', `cannot load a state whose guest runs the tables of machine '${s.guestTables}' into '${type.name}'`);
    }
    if (s.topology.maxCpus !== cpus.length) {
      throw new MachineStateError('wrong-cpu-count', `cannot load the state of a machine with ${s.topology.maxCpus} possible CPUs into one with ${cpus.length}`);
    }
    // The same -smp on both sides, as QEMU requires: the slots' topology ids and arch ids follow from it.
    if (formatTopology(s.topology) !== formatTopology(this.config.topology)) {
      throw new MachineStateError('wrong-topology', `cannot load the state of a machine with topology ${formatTopology(s.topology)} into one with ${formatTopology(this.config.topology)}`);
    }
    s.slots.forEach((slot, i) => {
      if (i === BOOT_CPU_INDEX && !slot.enabled) throw new MachineStateError('corrupt', 'machine state has the boot CPU disabled');
      if (slot.exists && !slot.enabled && platform.presence.destroyOnUnplug) {
        throw new MachineStateError('corrupt', `machine state has a disabled vCPU object in slot ${i} on a machine that destroys them`);
      }
      if (!slot.exists && !platform.presence.destroyOnUnplug) {
        throw new MachineStateError('corrupt', `machine state lacks the vCPU object of slot ${i}, which this machine keeps for its life`);
      }
    });
    return s;
  }

  private restore(index: number, slot: MachineState['slots'][number]): VCpu {
    const c = this.config.cpus[index]!;
    return { index, archId: c.archId, props: c.props, id: slot.id, qomPath: slot.qomPath, enabled: slot.enabled, hotplugged: slot.hotplugged };
  }

  /**
   * Subscribes to the machine's events; returns the unsubscribe function. With
   * `{ trace: false }` the listener gets no trace detail (bus accesses and trace
   * points), which is then not even built unless another listener wants it.
   */
  observe(listener: (e: MachineEvent) => void, options?: ListenOptions): () => void {
    return this.observers.add(listener, options);
  }

  private emit(e: MachineEvent): void {
    this.observers.emit(isMachineTrace(e), e);
  }

  /** The register block window: the legacy bitmap is 32 bytes, the modern block 12. */
  private mapController(): void {
    const { space, base } = this.config.platform.cpuHotplug.region;
    const kind = space === 'SystemIO' ? 'io' : 'mmio';
    const mode = this.controller.mode;
    this.bus.unmap(kind, 'acpi-cpu-hotplug');
    this.bus.map(kind, 'acpi-cpu-hotplug', base, this.controller.windowLength, { min: 1, max: 4 }, {
      read: (offset, size) => this.controller.read(offset, size as 1 | 2 | 4),
      write: (offset, size, value) => {
        this.controller.write(offset, size as 1 | 2 | 4, Number(value));
        // A write of 0 at offset 0 switches QEMU 7.2's legacy block to the modern one.
        if (this.controller.mode !== mode) this.mapController();
      },
    });
  }

  private create(index: number): VCpu {
    const c = this.config.cpus[index]!;
    const v: VCpu = {
      index,
      archId: c.archId,
      props: c.props,
      id: undefined,
      qomPath: `/machine/unattached/device[${this.unattached++}]`,
      enabled: false,
      hotplugged: false,
    };
    this.createdAt.set(v, this.created++);
    this.emit({ type: 'vcpu', action: 'created', index });
    return v;
  }

  vcpu(index: number): Readonly<VCpu> | undefined {
    return this.vcpus[index];
  }

  /**
   * device_add for a CPU: pre-plug checks, then plug. Changes nothing on error.
   *
   * The checks come in QEMU 7.2's order (qmp_device_add, qdev_device_add, then the
   * machine's pre-plug), which decides the message when several things are wrong;
   * test/peers/hotplug-differential.test.ts showed it: the id's form (checked when
   * the options are created), the driver, the bus, a duplicate id, each property,
   * and only then the CPU type (`{driver: 'Haswell-x86_64-cpu', id: <taken>}` is
   * "Duplicate device ID", not "Invalid CPU type"), the topology, the slot, node-id.
   * Values may be strings, as QMP's device_add hands them over (src/qmp/commands.ts).
   *
   * `form` says how QMP handed the arguments over. 'qemu-opts' (QEMU ≤ 9.1): through
   * QemuOpts, so every value is text and the id must be an identifier. 'json' (QEMU
   * ≥ 9.2, whose device_add takes the JSON object as it is): the id is any string,
   * numbers must be JSON integers, and a wrong type has the JSON visitor's wording
   * (seen against QEMU 10.0: core-id "2" is "Invalid parameter type for 'core-id',
   * expected: integer", apic-id "2" "Parameter 'apic-id' expects uint64").
   */
  deviceAdd(props: Readonly<Record<string, unknown>>, form: DeviceArgsForm = 'qemu-opts'): void {
    const { platform, topology, cpus } = this.config;
    const id = props['id'];
    if (form === 'qemu-opts' && id !== undefined && (typeof id !== 'string' || !ID_PATTERN.test(id))) {
      throw new DeviceError("Parameter 'id' expects an identifier");
    }
    if (props['driver'] === undefined) throw new DeviceError("Parameter 'driver' is missing");
    const driver = String(props['driver']);
    // This target's CPU models share the suffix of its own ("-x86_64-cpu"); the bare
    // suffix and QEMU's other base classes are abstract (QEMU 7.2 on 'x86_64-cpu',
    // 'cpu', 'device': "Parameter 'driver' expects a non-abstract device type").
    const suffix = platform.cpuType.slice(platform.cpuType.indexOf('-'));
    if (['device', 'cpu', suffix.slice(1)].includes(driver)) {
      throw new DeviceError("Parameter 'driver' expects a non-abstract device type");
    }
    if (!driver.endsWith(suffix) || driver === suffix) throw new DeviceError(`'${driver}' is not a valid device model name`);
    const bus = props['bus'];
    if (bus !== undefined) {
      // CPUs sit on no bus. A bus the board has is the wrong type for them (QEMU 7.2:
      // "Device 'qemu64-x86_64-cpu' can't go on PCIE bus"); any other is not found.
      const buses = ROOT_BUSES[this.config.type.chipset];
      const type = Object.hasOwn(buses, String(bus)) ? buses[String(bus)] : undefined;
      if (type !== undefined) throw new DeviceError(`Device '${driver}' can't go on ${type} bus`);
      throw new DeviceError(`Bus '${String(bus)}' not found`);
    }
    if (typeof id === 'string' && this.byId.has(id)) throw new DeviceError(`Duplicate device ID '${id}'`);
    // As set, negatives included: the platform's pre-plug decides what they mean.
    const asSet: Partial<Record<CpuIdProp, number>> = {};
    let archId: number | undefined;
    const archIdProperty = platform.archIdProperty;
    let node: number | undefined;
    for (const [key, value] of Object.entries(props)) {
      if (key === 'driver' || key === 'id' || key === 'bus') continue;
      if (key === archIdProperty?.name) {
        const a = form === 'json' ? jsonUint32(key, value) : uint32(key, value);
        archId = a === archIdProperty.unassigned ? undefined : a;
        continue;
      }
      if (key === 'node-id') {
        // -1 is QEMU's CPU_UNSET_NUMA_NODE_ID: the same as not giving it.
        const n = form === 'json' ? jsonInt32(key, value) : int32(key, value);
        node = n === -1 ? undefined : n;
        continue;
      }
      if (!(CPU_ID_PROPS as readonly string[]).includes(key) || !platform.cpuIdLevels.includes(key as CpuIdProp)) {
        throw new DeviceError(`Property '${driver}.${key}' not found`);
      }
      asSet[key as CpuIdProp] = form === 'json' ? jsonInt32(key, value) : int32(key, value);
    }
    if (driver !== platform.cpuType) throw new DeviceError(`Invalid CPU type, expected cpu type: '${platform.cpuType}'`);
    const slot = archId === undefined ? platform.cpuSlot(cpus, topology, asSet) : archIdProperty!.slotOf(cpus, topology, archId, followsQemu(this.config.type, 9, 1));
    const existing = this.vcpus[slot.index];
    if (existing?.enabled) throw new DeviceError(platform.slotTaken(slot));
    if (archId !== undefined) archIdProperty!.checkIds(topology, archId, asSet);
    if (node !== undefined && node !== (slot.props['node-id'] ?? 0)) {
      throw new DeviceError(`invalid node-id, must be ${slot.props['node-id'] ?? 0}`);
    }
    // Plug: an arm64 slot reuses its vCPU object; an x86 slot gets a new one.
    const v = existing ?? this.create(slot.index);
    v.id = id as string | undefined;
    v.qomPath = id !== undefined ? `/machine/peripheral/${id}` : `/machine/peripheral-anon/device[${this.anonymous++}]`;
    v.enabled = true;
    v.hotplugged = true;
    this.vcpus[slot.index] = v;
    this.track(v);
    this.emit({ type: 'vcpu', action: 'enabled', index: v.index, ...(v.id ? { id: v.id } : {}) });
    this.controller.plug(slot.index, v, true);
  }

  /** device_del: asks the guest to eject the vCPU (an unplug request). */
  deviceDel(idOrPath: string): void {
    // QEMU resolves the argument as a QOM path, relative to /machine/peripheral unless
    // it starts with '/', skipping empty components ("//machine", a trailing '/').
    // A container found that way is an object but no device (QEMU 7.2: "/machine is
    // not a hotpluggable device"; '' names /machine/peripheral itself).
    const parts = (idOrPath.startsWith('/') ? idOrPath : `/machine/peripheral/${idOrPath}`).split('/').filter((p) => p !== '');
    const path = `/${parts.join('/')}`;
    // QEMU 7.2 says "is not a hotpluggable device", 9.x (the arm64 RFC) "is not a device".
    if (QOM_CONTAINERS.has(path)) throw new DeviceError(`${idOrPath} is not a ${followsQemu(this.config.type, 9) ? '' : 'hotpluggable '}device`);
    const v = this.byPath.get(path);
    if (!v) throw new DeviceError(`Device '${idOrPath}' not found`, 'DeviceNotFound');
    // arm64: a vCPU the machine was started with stays for the VM's life, the RFC's rule
    // (its GICC is Enabled in the MADT, which Linux requires never to change).
    if (!v.hotplugged && !this.config.platform.coldBootedUnpluggable) throw new DeviceError('Hot-unplug of cold-booted CPU not supported!');
    // The controller refuses the boot CPU, and any unplug while QEMU 7.2's legacy block
    // (which only knows hot-add) is active, in QEMU's words.
    try {
      this.controller.unplugRequest(v.index);
    } catch (e) {
      if (e instanceof CpuHotplugError && (e.code === 'boot-cpu' || e.code === 'legacy-mode')) throw new DeviceError(e.message);
      throw e;
    }
  }

  /** The guest ejected the vCPU: the unplug half of the handler chain. */
  private unplug(index: number): void {
    const v = this.vcpus[index];
    if (!v?.enabled) return;
    this.untrack(v);
    this.controller.unplug(index);
    const deleted = { ...(v.id !== undefined ? { device: v.id } : {}), path: v.qomPath };
    const { destroyOnUnplug } = this.config.platform.presence;
    if (destroyOnUnplug) {
      // QEMU's x86 CPU has a local APIC child that goes first.
      this.emit({ type: 'qmp-event', event: 'DEVICE_DELETED', data: { path: `${v.qomPath}/lapic` } });
      this.vcpus[index] = undefined;
      this.emit({ type: 'vcpu', action: 'destroyed', index });
    } else {
      v.enabled = false;
      this.emit({ type: 'vcpu', action: 'disabled', index });
    }
    v.enabled = false;
    v.id = undefined;
    this.emit({ type: 'qmp-event', event: 'DEVICE_DELETED', data: deleted });
  }

  /** query-hotpluggable-cpus: QEMU builds the list by prepending, so it is in reverse slot order. */
  hotpluggableCpus(): HotpluggableCpu[] {
    return this.config.cpus
      .map((c) => {
        const v = this.vcpus[c.index];
        return {
          type: this.config.platform.cpuType,
          'vcpus-count': 1 as const,
          props: c.props,
          ...(v?.enabled ? { 'qom-path': v.qomPath } : {}),
        };
      })
      .reverse();
  }

  cpusFast(): CpuInfoFast[] {
    const order = (v: VCpu) => this.createdAt.get(v) ?? -1;
    return this.vcpus
      .filter((v): v is VCpu => v?.enabled === true)
      .sort((a, b) => order(a) - order(b)) // stable: restored objects stay in slot order
      .map((v) => ({
        'cpu-index': v.index,
        'qom-path': v.qomPath,
        'thread-id': v.index + 1,
        props: v.props,
        target: this.config.type.arch,
      }));
  }

  ospmStatus(): AcpiOstInfo[] {
    return this.controller.ospmStatus();
  }
}

/**
 * An int32 property as QEMU 7.2's device_add reads it: QMP hands the value over as a
 * string (QemuOpts), parsed by qemu_strtoi64(s, NULL, 0): leading white space, a
 * sign, and 0x hex or 0 octal prefixes are accepted, nothing may follow. Then the
 * int32 range check, with its own message. Seen in the differential: "+3" and "0x2"
 * are accepted, "010" is 8, "2 " and "0x" are refused, 2147483648 "expects int32_t".
 */
function int32(key: string, value: unknown): number {
  const n = strtoi(key, value);
  if (n < -(2n ** 63n) || n >= 2n ** 63n) throw new DeviceError(`Parameter '${key}' expects integer`);
  if (n < -(2n ** 31n) || n >= 2n ** 31n) throw new DeviceError(`Parameter '${key}' expects int32_t`);
  return Number(n);
}

/** The number a property's text spells, qemu_strto*(s, NULL, 0) style (see int32). */
function strtoi(key: string, value: unknown): bigint {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : undefined;
  const m = text === undefined ? null : /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (m === null) throw new DeviceError(`Parameter '${key}' expects integer`);
  const digits = m[2]!;
  const magnitude = /^0[0-7]+$/.test(digits) ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  return m[1] === '-' ? -magnitude : magnitude;
}

/** A JSON number QEMU's parser keeps as an integer (an int64 or a uint64), else undefined. */
function jsonInteger(value: unknown): bigint | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
  const n = BigInt(value);
  return n >= -(2n ** 63n) && n < 2n ** 64n ? n : undefined;
}

/** An int32 property from device_add's JSON (QEMU ≥ 9.2): the QObject input visitor's checks. */
function jsonInt32(key: string, value: unknown): number {
  const n = jsonInteger(value);
  if (n === undefined || n >= 2n ** 63n) throw new DeviceError(`Invalid parameter type for '${key}', expected: integer`);
  if (n < -(2n ** 31n) || n >= 2n ** 31n) throw new DeviceError(`Parameter '${key}' expects int32_t`);
  return Number(n);
}

/** A uint32 property (x86 apic-id) from device_add's JSON: a negative integer wraps, as in uint32(). */
function jsonUint32(key: string, value: unknown): number {
  const n = jsonInteger(value);
  if (n === undefined) throw new DeviceError(`Parameter '${key}' expects uint64`);
  const u = n < 0n ? 2n ** 64n + n : n;
  if (u > 0xffffffffn) throw new DeviceError(`Parameter '${key}' expects uint32_t`);
  return Number(u);
}

/**
 * A uint32 property (x86 apic-id) as QEMU 7.2 reads it: qemu_strtou64, where a
 * minus wraps ("-1" is 2^64-1), then the uint32 range check. Seen in the QMP
 * differential: "x" "expects integer", -1 and 2^32 "expects uint32_t", "0x2" is 2.
 */
function uint32(key: string, value: unknown): number {
  const n = strtoi(key, value);
  if (n <= -(2n ** 64n) || n >= 2n ** 64n) throw new DeviceError(`Parameter '${key}' expects integer`);
  const u = n < 0n ? 2n ** 64n + n : n;
  if (u > 0xffffffffn) throw new DeviceError(`Parameter '${key}' expects uint32_t`);
  return Number(u);
}
