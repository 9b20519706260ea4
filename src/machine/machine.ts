import type { PlatformEvents } from '../arch/index.ts';
import { CpuHotplugController, type AcpiOstInfo, type TraceEvent } from '../hotplug/index.ts';
import { Bus, type BusAccess } from './bus.ts';
import { CPU_ID_PROPS, findSlot, type CpuIdProp } from './cpu-slots.ts';
import { DeviceError } from './errors.ts';
import type { CpuProps, MachineConfig } from './possible-cpus.ts';
import type { VCpu } from './vcpu.ts';
import { decodeMachineState, encodeMachineState, MachineStateError, type MachineState } from './machine-state.ts';

/** Everything observable a machine does, in the order it happens. */
export type MachineEvent =
  | { readonly type: 'qmp-event'; readonly event: 'ACPI_DEVICE_OST' | 'DEVICE_DELETED'; readonly data: Record<string, unknown> }
  | { readonly type: 'irq'; readonly line: number; readonly level: boolean }
  | { readonly type: 'trace'; readonly event: TraceEvent }
  | { readonly type: 'bus'; readonly access: BusAccess }
  | { readonly type: 'vcpu'; readonly action: 'created' | 'enabled' | 'disabled' | 'destroyed'; readonly index: number; readonly id?: string };

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
  private readonly observers: ((e: MachineEvent) => void)[] = [];
  private unattached = 0;
  private anonymous = 0;

  /**
   * Builds a machine from its configuration. With `state` (a stream from
   * saveState) it is the destination of a migration: its vCPU objects and
   * hot-plug state are the source's. Throws MachineStateError or
   * HotplugStateError for a stream that does not fit; nothing is half-built.
   */
  constructor(
    readonly config: MachineConfig,
    state?: Uint8Array,
  ) {
    const { platform, cpus, type } = config;
    this.bus.observe((access) => this.emit({ type: 'bus', access }));
    this.events = platform.wireEvents(this.bus, (line, level) => this.emit({ type: 'irq', line, level }));
    this.controller = new CpuHotplugController({
      slots: cpus.map((c) => ({ archId: c.archId })),
      presence: platform.presence,
      legacy: type.legacyCpuHotplug,
      sendEvent: () => this.events.sendCpuHotplugEvent(),
      eject: (index) => this.unplug(index),
      ost: (info) => this.emit({ type: 'qmp-event', event: 'ACPI_DEVICE_OST', data: { info } }),
      trace: (event) => this.emit({ type: 'trace', event }),
    });
    this.mapController();
    if (state) {
      const s = this.checkState(decodeMachineState(state));
      this.vcpus = s.slots.map((slot, index) => (slot.exists ? this.restore(index, slot) : undefined));
      for (const v of this.vcpus) if (v) this.controller.attach(v.index, v, v.enabled);
      this.controller.loadState(s.hotplug);
      this.events.load(s.events);
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
    }
  }

  /** The migration stream of this machine (see machine-state.ts). */
  saveState(): Uint8Array {
    return encodeMachineState({
      machineType: this.config.type.name,
      possibleCpus: this.config.cpus.length,
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
    if (s.machineType !== type.name) {
      throw new MachineStateError('wrong-machine', `cannot load the state of machine '${s.machineType}' into '${type.name}'`);
    }
    if (s.possibleCpus !== cpus.length) {
      throw new MachineStateError('wrong-cpu-count', `cannot load the state of a machine with ${s.possibleCpus} possible CPUs into one with ${cpus.length}`);
    }
    s.slots.forEach((slot, i) => {
      if (i === 0 && !slot.enabled) throw new MachineStateError('corrupt', 'machine state has the boot CPU disabled');
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

  observe(listener: (e: MachineEvent) => void): () => void {
    this.observers.push(listener);
    return () => {
      const i = this.observers.indexOf(listener);
      if (i >= 0) this.observers.splice(i, 1);
    };
  }

  private emit(e: MachineEvent): void {
    for (const o of this.observers) o(e);
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
    this.emit({ type: 'vcpu', action: 'created', index });
    return v;
  }

  vcpu(index: number): Readonly<VCpu> | undefined {
    return this.vcpus[index];
  }

  /** device_add for a CPU: pre-plug checks, then plug. Changes nothing on error. */
  deviceAdd(props: Readonly<Record<string, unknown>>): void {
    const { platform, topology, cpus } = this.config;
    const driver = String(props['driver']);
    if (driver !== platform.cpuType) {
      // Another CPU model is the wrong type; anything else is not a device cpuhp knows.
      if (/-(x86_64|arm)-cpu$/.test(driver)) throw new DeviceError(`Invalid CPU type, expected cpu type: '${platform.cpuType}'`);
      throw new DeviceError(`'${driver}' is not a valid device model name`);
    }
    // CPUs sit on no bus, so naming one is an error, as in QEMU.
    if (props['bus'] !== undefined) throw new DeviceError(`Bus '${String(props['bus'])}' not found`);
    const id = props['id'];
    if (id !== undefined && (typeof id !== 'string' || !ID_PATTERN.test(id))) {
      throw new DeviceError("Parameter 'id' expects an identifier");
    }
    if (id !== undefined && this.vcpus.some((v) => v?.id === id)) throw new DeviceError(`Duplicate device ID '${id}'`);
    const given: Partial<Record<CpuIdProp, number>> = {};
    for (const [key, value] of Object.entries(props)) {
      if (key === 'driver' || key === 'id' || key === 'bus') continue;
      if (key === 'node-id') continue;
      if (!(CPU_ID_PROPS as readonly string[]).includes(key) || !platform.cpuIdLevels.includes(key as CpuIdProp)) {
        throw new DeviceError(`Property '${platform.cpuType}.${key}' not found`);
      }
      given[key as CpuIdProp] = int32(key, value);
    }
    const slot = findSlot(cpus, topology, given, platform.cpuIdLevels, platform.archIdLabel);
    const existing = this.vcpus[slot.index];
    if (existing?.enabled) {
      throw new DeviceError(`CPU[${slot.index}] with ${platform.archIdLabel} ${slot.archId} exists`);
    }
    const node = props['node-id'];
    if (node !== undefined && int32('node-id', node) !== (slot.props['node-id'] ?? 0)) {
      throw new DeviceError(`invalid node-id, must be ${slot.props['node-id'] ?? 0}`);
    }
    // Plug: an arm64 slot reuses its vCPU object; an x86 slot gets a new one.
    const v = existing ?? this.create(slot.index);
    v.id = id as string | undefined;
    v.qomPath = id !== undefined ? `/machine/peripheral/${id}` : `/machine/peripheral-anon/device[${this.anonymous++}]`;
    v.enabled = true;
    v.hotplugged = true;
    this.vcpus[slot.index] = v;
    this.emit({ type: 'vcpu', action: 'enabled', index: v.index, ...(v.id ? { id: v.id } : {}) });
    this.controller.plug(slot.index, v, true);
  }

  /** device_del: asks the guest to eject the vCPU (an unplug request). */
  deviceDel(idOrPath: string): void {
    const v = this.vcpus.find((c) => c?.enabled && (c.id === idOrPath || c.qomPath === idOrPath));
    if (!v) throw new DeviceError(`Device '${idOrPath}' not found`, 'DeviceNotFound');
    if (v.index === 0) throw new DeviceError('Boot CPU is unpluggable');
    // QEMU 7.2's legacy block only knows hot-add.
    if (this.controller.mode === 'legacy') {
      throw new DeviceError(`acpi: device unplug request for not supported device type: ${this.config.platform.cpuType}`);
    }
    this.controller.unplugRequest(v.index);
  }

  /** The guest ejected the vCPU: the unplug half of the handler chain. */
  private unplug(index: number): void {
    const v = this.vcpus[index];
    if (!v?.enabled) return;
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
    return this.vcpus
      .filter((v): v is VCpu => v?.enabled === true)
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

function int32(key: string, value: unknown): number {
  const n = typeof value === 'string' && /^-?[0-9]+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) {
    throw new DeviceError(`Parameter '${key}' expects integer`);
  }
  return n;
}
