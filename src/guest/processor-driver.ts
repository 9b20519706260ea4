// Linux's ACPI processor hot-plug, reduced to what a VMM can observe: the order of
// _STA, _EJ0 and _OST evaluations, which CPUs get registered, onlined, offlined and
// unregistered, and the kernel's messages (drivers/acpi/scan.c acpi_device_hotplug,
// acpi_processor.c; reference/guest-and-peers.md §2).
import type { AcpiContext } from './acpi-context.ts';
import type { GuestEvents } from './events.ts';
import type { MadtView } from './madt.ts';
import { hwIdFromMadt, hwIdFromMat, type ProcessorObject } from './processors.ts';

// Notify values and _OST codes (ACPI 6.5 §5.6.6, Table 6.160)
export const NOTIFY_BUS_CHECK = 0;
export const NOTIFY_DEVICE_CHECK = 1;
export const NOTIFY_EJECT_REQUEST = 3;
export const OST_SUCCESS = 0x00;
export const OST_FAILURE = 0x01;
export const OST_EJECT_NOT_SUPPORTED = 0x80;
export const OST_DEVICE_BUSY = 0x82;
export const OST_EJECT_IN_PROGRESS = 0x84;

const STA_PRESENT = 0x01;
const STA_ENABLED = 0x02;
const STA_FUNCTIONING = 0x08;

/** A logical CPU as the guest kernel tracks it. */
export interface GuestCpu {
  readonly cpu: number;
  readonly hwId: number;
  /** cpu_present_mask. */
  present: boolean;
  /** Has a sysfs device (arch_register_cpu). */
  registered: boolean;
  online: boolean;
  /** The processor object attached to it, if any. */
  path: string | undefined;
}

type Errno = 0 | 'EPERM' | 'EBUSY' | 'ENODEV' | 'EIO';

/**
 * What Linux scans on a Device Check of a processor object that has no handler yet.
 * 'parent': the notified device's parent, every sibling's _STA in namespace order
 * (Linux 6.12's acpi_scan_device_check). 'device': the device alone, its _STA read
 * twice more before it is attached (Linux 6.1's; QEMU's trace under Linux 6.1 amd64,
 * test/peers/x86-real-guest.test.ts).
 */
export type DeviceCheckScope = 'parent' | 'device';

export interface DriverOptions {
  /** Online hot-added CPUs at once, as a udev rule would. */
  readonly autoOnline: boolean;
  /** /sys/firmware/acpi/hotplug/processor/enabled (root can change it at run time). */
  hotplugEnabled: boolean;
  readonly deviceCheck?: DeviceCheckScope;
}

/**
 * The processor scan handler plus the CPU hot-plug core. On x86 (present model) a
 * hot-added CPU becomes present (acpi_map_cpu) and an ejected one absent; on arm64
 * (enabled model) every possible CPU is present from boot, _STA must keep Present,
 * and only registration toggles.
 */
export class ProcessorDriver {
  readonly cpus: GuestCpu[] = [];
  /** Processor objects with a handler attached (acpi_processor_add succeeded). */
  private readonly attached = new Map<string, GuestCpu>();

  constructor(
    private readonly acpi: AcpiContext,
    private readonly events: GuestEvents,
    private readonly madt: MadtView,
    readonly options: DriverOptions,
    /** Every processor object, in namespace order (the guest's enumeration). */
    private readonly processors: () => Iterable<ProcessorObject> = () => [],
  ) {
    // The boot CPUs: enabled in the MADT, so present, registered and online.
    // arm64 (6.11) also marks every other possible CPU present at boot.
    for (const c of madt.cpus) {
      if (c.enabled || madt.arch === 'arm64') {
        this.cpus.push({ cpu: this.cpus.length, hwId: c.hwId, present: true, registered: c.enabled, online: c.enabled, path: undefined });
      }
    }
  }

  get arch(): 'x86' | 'arm64' {
    return this.madt.arch;
  }

  /** Boot-time enumeration of one processor object (acpi_bus_scan). */
  enumerate(obj: ProcessorObject): void {
    const sta = this.acpi.sta(obj.path);
    if (sta & (STA_PRESENT | STA_FUNCTIONING)) this.attach(obj, sta);
  }

  /** A queued Notify on a processor object (acpi_device_hotplug). */
  hotplug(obj: ProcessorObject, type: number): void {
    let result: Errno;
    if (type === NOTIFY_DEVICE_CHECK || type === NOTIFY_BUS_CHECK) {
      result = this.deviceCheck(obj);
    } else if (type === NOTIFY_EJECT_REQUEST) {
      result = this.ejectRequest(obj);
    } else {
      this.events.log(`ACPI: ${obj.path}: unsupported notify 0x${type.toString(16)}`, 'debug');
      return;
    }
    const code = result === 0 ? OST_SUCCESS : result === 'EPERM' ? OST_EJECT_NOT_SUPPORTED : result === 'EBUSY' ? OST_DEVICE_BUSY : OST_FAILURE;
    this.acpi.ost(obj.path, type, code);
  }

  private deviceCheck(obj: ProcessorObject): Errno {
    const sta = this.acpi.sta(obj.path);
    const cpu = this.attached.get(obj.path);
    if (!(sta & (STA_PRESENT | STA_FUNCTIONING))) {
      // The device went away under us (never done by a VMM that ejects properly).
      if (cpu) this.detach(obj, cpu, sta);
      return 0;
    }
    if (cpu) {
      this.events.log(`ACPI: ${obj.path}: Already enumerated`, 'debug');
      return 0;
    }
    if (this.options.deviceCheck === 'device') {
      // acpi_bus_scan of the device: its status again, then once more as it attaches.
      this.acpi.sta(obj.path);
      this.attach(obj, this.acpi.sta(obj.path));
    } else {
      this.rescan(obj);
    }
    return 0;
  }

  /**
   * A namespace rescan below the notified object's parent (the processor container),
   * as acpi_bus_scan does for a device that has just appeared: _STA of every
   * processor there, in namespace order, attaching each that is new and enabled.
   * Seen in QEMU's trace under Linux 6.12 arm64: one Device Check reads C000..C003,
   * and a second CPU plugged at the same time is attached by the first one's rescan,
   * so its own Device Check finds it "Already enumerated".
   */
  private rescan(obj: ProcessorObject): void {
    const parent = obj.path.slice(0, obj.path.lastIndexOf('.'));
    for (const p of this.processors()) {
      if (p.path.slice(0, p.path.lastIndexOf('.')) !== parent) continue;
      const sta = this.acpi.sta(p.path);
      if (!this.attached.has(p.path) && sta & (STA_PRESENT | STA_FUNCTIONING)) this.attach(p, sta);
    }
  }

  /** acpi_processor_add: map the CPU, register it, and online it per policy. */
  private attach(obj: ProcessorObject, sta: number): void {
    if (!(sta & STA_ENABLED)) return; // present but not enabled: no handler (Linux ≥ 6.11)
    const hwId = hwIdFromMat(this.acpi.call(`${obj.path}._MAT`), obj.uid) ?? hwIdFromMadt(this.madt, obj.uid);
    if (hwId === undefined) {
      this.events.log(`ACPI: ${obj.path}: failed to get CPU physical ID (UID ${obj.uid})`, 'err');
      return;
    }
    let cpu = this.cpus.find((c) => c.hwId === hwId);
    if (this.arch === 'x86' && !cpu?.present) {
      // acpi_map_cpu (topology_hotplug_apic): the logical id of an APIC id is
      // persistent (cpuid_to_apicid); an APIC id seen for the first time gets the
      // next unassigned number. Fix: this used to take the lowest non-present id,
      // handing a removed CPU's number (and sysfs node) to another APIC id, which
      // Linux never does (test/guest/processor-driver.test.ts).
      if (cpu) cpu.present = true;
      else this.cpus.push((cpu = { cpu: this.cpus.length, hwId, present: true, registered: false, online: false, path: undefined }));
    }
    if (!cpu?.present) {
      // arm64: a CPU that was not possible at boot cannot appear now.
      this.events.log('ACPI: Changing CPU present bit is not supported', 'err');
      this.events.emit({ type: 'cpu', action: 'refused', cpu: cpu?.cpu ?? -1, path: obj.path });
      return;
    }
    cpu.path = obj.path;
    this.attached.set(obj.path, cpu);
    if (!cpu.registered) {
      cpu.registered = true;
      this.events.log(`ACPI: CPU${cpu.cpu} has been hot-added`);
      this.events.emit({ type: 'cpu', action: 'registered', cpu: cpu.cpu, path: obj.path });
      if (this.options.autoOnline) this.online(cpu);
    }
  }

  /** cpu_up, as a udev rule writing /sys/devices/system/cpu/cpuN/online does. */
  online(cpu: GuestCpu): void {
    if (cpu.online || !cpu.registered) return;
    cpu.online = true;
    this.events.log(
      this.arch === 'x86'
        ? `smpboot: Booting Node 0 Processor ${cpu.cpu} APIC 0x${cpu.hwId.toString(16)}`
        : `CPU${cpu.cpu}: Booted secondary processor 0x${cpu.hwId.toString(16).padStart(10, '0')}`,
    );
    this.events.emit({ type: 'cpu', action: 'online', cpu: cpu.cpu, path: cpu.path ?? '' });
  }

  /** cpu_down. The boot CPU cannot go offline (x86 since Linux 6.5). */
  offline(cpu: GuestCpu): boolean {
    if (!cpu.online) return true;
    if (cpu.cpu === 0) return false;
    cpu.online = false;
    this.events.log(`smpboot: CPU ${cpu.cpu} is now offline`);
    this.events.emit({ type: 'cpu', action: 'offline', cpu: cpu.cpu, path: cpu.path ?? '' });
    return true;
  }

  /** acpi_generic_hotplug_event + acpi_scan_hot_remove for an Eject Request. */
  private ejectRequest(obj: ProcessorObject): Errno {
    if (!this.options.hotplugEnabled) {
      this.events.log(`ACPI: ${obj.path}: Eject disabled`);
      return 'EPERM';
    }
    this.acpi.ost(obj.path, NOTIFY_EJECT_REQUEST, OST_EJECT_IN_PROGRESS);
    const cpu = this.attached.get(obj.path);
    if (cpu && !this.offline(cpu)) {
      this.events.log(`ACPI: ${obj.path}: Offline failed`, 'warn');
      this.events.emit({ type: 'cpu', action: 'refused', cpu: cpu.cpu, path: obj.path });
      return 'EBUSY';
    }
    if (cpu) this.attached.delete(obj.path); // drivers detached before _EJ0
    this.acpi.call(`${obj.path}._LCK`, [0]);
    if (!this.acpi.interp.exists(`${obj.path}._EJ0`)) return 'ENODEV';
    if (!this.acpi.run(`${obj.path}._EJ0`, [1]).ok) return 'EIO';
    const sta = this.acpi.sta(obj.path);
    if (sta & STA_ENABLED) {
      // Linux checks only Enabled: the CPU stays registered, offline.
      this.events.log(`ACPI: ${obj.path}: Eject incomplete - status 0x${sta.toString(16)}`, 'warn');
      if (cpu) this.events.emit({ type: 'cpu', action: 'refused', cpu: cpu.cpu, path: obj.path });
      return 0;
    }
    if (cpu) this.postEject(obj, cpu, sta);
    return 0;
  }

  /**
   * acpi_processor_post_eject: unregister, and on x86 unmap (no longer present).
   * arm64's arch_unregister_cpu reads _STA once more, to refuse a CPU that left the
   * present set: the second read after _EJ0 in QEMU's trace under Linux 6.12 arm64.
   * x86's reads nothing (one read after _EJ0 under Linux 6.1 and 6.12 amd64,
   * test/peers/x86-real-guest.test.ts).
   */
  private postEject(obj: ProcessorObject, cpu: GuestCpu, sta: number): void {
    if (this.arch === 'arm64') {
      const again = this.acpi.sta(obj.path);
      if (!(again & STA_PRESENT)) this.events.log('ACPI: Changing CPU present bit is not supported', 'err');
      if (again & STA_ENABLED) return;
      this.detach(obj, cpu, again);
      return;
    }
    this.detach(obj, cpu, sta);
  }

  private detach(obj: ProcessorObject, cpu: GuestCpu, _sta: number): void {
    this.attached.delete(obj.path);
    this.offline(cpu);
    if (cpu.registered) {
      cpu.registered = false;
      this.events.log(`ACPI: CPU${cpu.cpu} has been hot-removed`);
      this.events.emit({ type: 'cpu', action: 'unregistered', cpu: cpu.cpu, path: obj.path });
    }
    if (this.arch === 'x86') cpu.present = false;
    cpu.path = undefined;
  }
}
