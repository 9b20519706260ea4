// What QMP's migration commands share: the file: URIs cpuhp takes, and the status
// query-migrate reports (QEMU's MigrationInfo: 'status', and 'error-desc' once
// failed). The run-state side of migration (stop, postmigrate, inmigrate) is the
// VM's (vm.ts).


/**
 * A migration request refused, or a migration file that cannot be opened, in QEMU's
 * words. The protocol decides how to answer it (QMP: GenericError, src/qmp/commands.ts).
 */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** QEMU's MigrationStatus values that cpuhp goes through. */
export type MigrationStatus = 'none' | 'setup' | 'active' | 'completed' | 'failed';

/** Transports QEMU knows and cpuhp does not offer. */
const QEMU_TRANSPORTS = ['tcp', 'unix', 'exec', 'fd', 'rdma', 'vsock'];

/** The path of a file: migration URI (QEMU ≥ 8.2's spelling); QEMU's words for an unknown scheme. */
export function migrationFilePath(uri: string): string {
  if (uri.startsWith('file:') && uri.length > 'file:'.length) return uri.slice('file:'.length);
  const scheme = uri.includes(':') ? uri.slice(0, uri.indexOf(':')) : '';
  if (scheme === 'file' || QEMU_TRANSPORTS.includes(scheme)) {
    throw new MigrationError(`cpuhp migrates only to and from file:PATH, not '${uri}'`);
  }
  throw new MigrationError(`unknown migration protocol: ${uri}`);
}

/** The last migration, either way, as query-migrate reports it. */
export class MigrationRecord {
  private status: MigrationStatus = 'none';
  private error: string | undefined;

  /** A migration is under way: another one is refused. */
  get active(): boolean {
    return this.status === 'setup' || this.status === 'active';
  }

  set(status: Exclude<MigrationStatus, 'failed'>): void {
    this.status = status;
    this.error = undefined;
  }

  fail(desc: string): void {
    this.status = 'failed';
    this.error = desc;
  }

  /** query-migrate's reply: {} before any migration. */
  info(): Record<string, unknown> {
    if (this.status === 'none') return {};
    return { status: this.status, ...(this.error !== undefined ? { 'error-desc': this.error } : {}) };
  }
}
