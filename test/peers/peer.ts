// Gating for tests that need an external peer (QEMU, iasl, acpiexec).
//
// Locally a missing peer skips the test, with one greppable line saying what to
// install. In CI (CI=true) a missing peer is a failure: a CI image without the
// peer would otherwise go green while testing nothing.

import { which } from './qtest.ts';

export interface PeerSpec {
  /** Executable looked up on PATH. */
  command: string;
  /** Debian package that provides it. */
  package: string;
}

export const QEMU_PEER: PeerSpec = { command: 'qemu-system-x86_64', package: 'qemu-system-x86' };
export const IASL_PEER: PeerSpec = { command: 'iasl', package: 'acpica-tools' };
export const ACPIEXEC_PEER: PeerSpec = { command: 'acpiexec', package: 'acpica-tools' };

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
  const lookup = deps.lookup ?? ((c: string) => which(c));
  if (lookup(spec.command) !== undefined) return true;
  const env = deps.env ?? process.env;
  const why = `${spec.command} (Debian package ${spec.package})`;
  if (env.CI === 'true') {
    throw new Error(`${t.name} needs ${why}, which is not on PATH; under CI=true that is a failure: apt-get install ${spec.package}`);
  }
  const print = deps.print ?? ((line: string) => process.stdout.write(line + '\n'));
  print(`SKIPPED: ${t.name} needs ${why}`);
  t.skip(`needs ${why}`);
  return false;
}
