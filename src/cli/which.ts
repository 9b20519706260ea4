import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The first executable named `command` on PATH, or undefined. */
export function findExecutable(command: string, path = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of path.split(delimiter).slice(0, 256)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
