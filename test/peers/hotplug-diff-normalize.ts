// What the hot-plug differential does not compare, and nothing else:
// - event timestamps (wall clock);
// - the micro version and the package in the QMP greeting and in query-version
//   (QEMU says 7.2.22 and its Debian package, cpuhp 7.2.0 and its own); major and
//   minor are compared (qmp-differential-normalize.ts releaseOnly);
// - query-cpus-fast's thread-id (a host thread id);
// - the N of /machine/unattached/device[N] and /machine/peripheral-anon/device[N]
//   (an allocation counter shared with every other device of QEMU's board).

import { PLACEHOLDER, releaseOnly } from './qmp-differential-normalize.ts';

export { PLACEHOLDER };

const INDEXED_PATH = /^(\/machine\/(?:unattached|peripheral-anon)\/device)\[[0-9]+\]/;

function normalizeValue(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(INDEXED_PATH, '$1[N]');
  if (Array.isArray(v)) return v.map(normalizeValue);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, normalizeValue(x)]));
  }
  return v;
}

/** A QMP reply or event with the fields above replaced. `command` is what it answers. */
export function normalizeQmp(msg: Record<string, unknown>, command?: string): Record<string, unknown> {
  const m = normalizeValue(msg) as Record<string, unknown>;
  delete m['timestamp'];
  if ('QMP' in m) {
    const qmp = m['QMP'] as Record<string, unknown>;
    if ('version' in qmp) qmp['version'] = releaseOnly(qmp['version']);
  }
  if (command === 'query-version' && 'return' in m) m['return'] = releaseOnly(m['return']);
  if (command === 'query-cpus-fast' && Array.isArray(m['return'])) {
    for (const cpu of m['return'] as Record<string, unknown>[]) {
      if ('thread-id' in cpu) cpu['thread-id'] = PLACEHOLDER;
    }
  }
  return m;
}

/** JSON with sorted keys: equal values print equal, whatever the member order. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(sortKeys(v));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}
