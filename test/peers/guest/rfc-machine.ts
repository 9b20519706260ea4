// The arm64 real pair: the vCPU hot-plug RFC V5's QEMU (`virt`, GICv3, TCG) booting
// Debian's Linux 6.12 arm64 through UEFI, as ../shared/peers/arm64/README.md runs it.
// Hot-plug there needs GICv3, TCG and no qtest (with qtest the RFC disables it).
import { AARCH64_UEFI_PEER, linuxPeer, peerPath, RFC_QEMU_PEER, type PeerSpec } from '../peer.ts';
import { LinuxGuest, type GuestConfig } from './linux-guest.ts';

export const ARM64_KERNEL = 'linux-6.12-arm64';
/** Everything a real arm64 guest test needs. */
export const RFC_GUEST_PEERS: readonly PeerSpec[] = [RFC_QEMU_PEER, AARCH64_UEFI_PEER, linuxPeer(ARM64_KERNEL)];

/** The RFC QEMU's machine arguments for a -smp value, without a guest. */
export function rfcMachineArgs(smp: string): string[] {
  return [
    '-accel', 'tcg', '-M', 'virt,gic-version=3',
    // QARMA5 pointer authentication is slow under TCG; impdef is the same feature set.
    '-cpu', 'max,pauth-impdef=on',
    '-m', '1024', '-smp', smp, '-bios', AARCH64_UEFI_PEER.command,
  ];
}

export interface RfcGuestOptions {
  readonly smp: string;
  /** Replacement tables for the initrd table upgrade. */
  readonly tables?: GuestConfig['tables'];
  /** Record QEMU's cpuhp_acpi_* trace points. */
  readonly trace?: boolean;
  readonly online?: 'udev' | 'off';
}

export function bootRfcGuest(o: RfcGuestOptions): Promise<LinuxGuest> {
  return LinuxGuest.boot({
    qemu: RFC_QEMU_PEER.command,
    machineArgs: rfcMachineArgs(o.smp),
    kernel: peerPath(ARM64_KERNEL, 'vmlinuz'),
    busybox: peerPath(ARM64_KERNEL, 'busybox'),
    console: 'ttyAMA0',
    // acpi=force: use ACPI even though the DT is there too (QEMU passes both).
    append: 'acpi=force',
    ...(o.tables ? { tables: o.tables } : {}),
    ...(o.trace ? { trace: ['cpuhp_acpi_*'] } : {}),
    ...(o.online ? { online: o.online } : {}),
  });
}
