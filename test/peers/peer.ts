// Gating for tests that need an external peer (QEMU, iasl, acpiexec).
//
// Locally a missing peer skips the test, with one greppable line saying what to
// install. In CI (CI=true) a missing peer is a failure: a CI image without the
// peer would otherwise go green while testing nothing.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { which } from './qtest.ts';

export interface PeerSpec {
  /** Executable looked up on PATH, or a path (then it must exist and be executable). */
  command: string;
  /** Debian package that provides it, or how to get it. */
  package: string;
  /** A data file (a kernel, a firmware image) that need only exist. */
  file?: true;
}

/**
 * Where scripts/install-peers.sh unpacks the peers that are not installed packages
 * (QEMU 10.0, the Linux guests, the RFC's QEMU): $CPUHP_PEERS, else /opt/cpuhp-peers,
 * a folder of the machine's, so that every clone finds them.
 */
export const PEERS_DIR = process.env.CPUHP_PEERS ?? '/opt/cpuhp-peers';

/** A file under PEERS_DIR. */
export const peerPath = (...parts: string[]): string => join(PEERS_DIR, ...parts);

const INSTALL = 'unpacked by bash scripts/install-peers.sh';

export const QEMU_PEER: PeerSpec = { command: 'qemu-system-x86_64', package: 'qemu-system-x86' };
export const IASL_PEER: PeerSpec = { command: 'iasl', package: 'acpica-tools' };
export const ACPIEXEC_PEER: PeerSpec = { command: 'acpiexec', package: 'acpica-tools' };
export const QEMU10_PEER: PeerSpec = { command: peerPath('qemu-10.0/bin/qemu-system-x86_64'), package: `qemu-system-x86 from bookworm-backports, ${INSTALL}` };
/** The arm64 vCPU hot-plug RFC V5 QEMU, built for these machines (../shared/peers/bin). */
export const RFC_QEMU_PEER: PeerSpec = { command: peerPath('qemu-rfc-v5/qemu-system-aarch64'), package: `the RFC V5 qemu-system-aarch64, copied in by bash scripts/install-peers.sh` };
export const AARCH64_UEFI_PEER: PeerSpec = { command: '/usr/share/qemu-efi-aarch64/QEMU_EFI.fd', package: 'qemu-efi-aarch64', file: true };
/** A Linux guest: kernel and busybox of one folder of PEERS_DIR ('linux-6.12-arm64'...). */
export function linuxPeer(folder: string): PeerSpec {
  const suite = folder.startsWith('linux-6.1-') ? 'bookworm' : 'bookworm-backports';
  return { command: peerPath(folder, 'vmlinuz'), package: `linux-image-cloud-${folder.split('-').pop()} from ${suite} and busybox-static, ${INSTALL}`, file: true };
}

/** The part of node:test's TestContext that requirePeer uses. */
export interface SkippableContext {
  readonly name: string;
  skip(message?: string): void;
}

/** Seams for requirePeer's own tests; the defaults are the real thing. */
export interface PeerDeps {
  env?: NodeJS.ProcessEnv;
  lookup?: (command: string) => string | undefined;
  print?: (line: string) => void;
}

/**
 * True when `spec.command` is on PATH. Otherwise: under CI=true throw (the test
 * fails, naming the Debian package); else print one
 * `SKIPPED: <test> needs <command> (Debian package <package>)` line, call
 * t.skip() and return false. Use as `if (!requirePeer(t, QEMU_PEER)) return;`.
 */
export function requirePeer(t: SkippableContext, spec: PeerSpec, deps: PeerDeps = {}): boolean {
  const lookup = deps.lookup ?? ((c: string) => (spec.file ? (existsSync(c) ? c : undefined) : which(c)));
  if (lookup(spec.command) !== undefined) return true;
  const env = deps.env ?? process.env;
  // A bare name is a Debian package to apt-get; anything else says how to get the peer.
  const isPackage = /^[a-z0-9.+-]+$/.test(spec.package);
  const why = `${spec.command} (${isPackage ? `Debian package ${spec.package}` : spec.package})`;
  if (env.CI === 'true') {
    const fix = isPackage ? `apt-get install ${spec.package}` : 'bash scripts/install-peers.sh';
    throw new Error(`${t.name} needs ${why}, which is not there; under CI=true that is a failure: ${fix}`);
  }
  const print = deps.print ?? ((line: string) => process.stdout.write(line + '\n'));
  print(`SKIPPED: ${t.name} needs ${why}`);
  t.skip(`needs ${why}`);
  return false;
}

/** Whether a peer is there, without printing or failing (for tests that fall back to fixtures). */
export function peerAvailable(spec: PeerSpec): boolean {
  return spec.file ? existsSync(spec.command) : which(spec.command) !== undefined;
}

/** requirePeer for several peers: true when all are there (one SKIPPED line for the first missing). */
export function requirePeers(t: SkippableContext, specs: readonly PeerSpec[], deps: PeerDeps = {}): boolean {
  return specs.every((s) => requirePeer(t, s, deps));
}
