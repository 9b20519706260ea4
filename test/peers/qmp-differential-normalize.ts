// What the QMP differential does not compare, and nothing else:
// - event timestamps (wall clock);
// - the micro version and the package in the greeting and in query-version's reply
//   (QEMU says 7.2.22 and its Debian package, cpuhp 7.2.0 and its own); major and
//   minor are compared: they say which QEMU's QMP the machine type follows;
// - query-cpus-fast's thread-id (a host thread id);
// - the N of /machine/unattached/device[N] and /machine/peripheral-anon/device[N],
//   wherever such a path appears (an allocation counter QEMU shares with every
//   other device of its board);
// - JSON member order: QEMU prints members in its hash tables' order, cpuhp in
//   insertion order; JSON objects are unordered, so both are compared sorted.
// It works on the shape of a message, not on the command it answers, so raw
// input that produces several replies is normalized the same way.

export const PLACEHOLDER = '<normalized>';

const QOM_INDEX = /(\/machine\/(?:unattached|peripheral-anon)\/device)\[[0-9]+\]/g;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** query-version's VersionInfo: {qemu: {major, minor, micro}, package}. */
function isVersionInfo(v: unknown): boolean {
  return isObject(v) && isObject(v['qemu']) && 'major' in v['qemu'] && 'package' in v;
}

/** A VersionInfo with only the release (major.minor) left to compare. */
export function releaseOnly(v: unknown): unknown {
  if (!isObject(v) || !isObject(v['qemu'])) return PLACEHOLDER;
  return { qemu: { major: v['qemu']['major'], minor: v['qemu']['minor'], micro: PLACEHOLDER }, package: PLACEHOLDER };
}

export function normalize(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(QOM_INDEX, '$1[N]');
  if (Array.isArray(v)) return v.map(normalize);
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  // defineProperty: a "__proto__" member (a test sends one) stays a member.
  const put = (k: string, x: unknown) => Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
  for (const [k, x] of Object.entries(v)) {
    if (k === 'timestamp' && 'event' in v) continue;
    if ((k === 'version' || k === 'return') && isVersionInfo(x)) put(k, releaseOnly(x));
    // CpuInfoFast: the thread-id beside cpu-index is a host thread (props' thread-id is topology).
    else if (k === 'thread-id' && 'cpu-index' in v) put(k, PLACEHOLDER);
    else put(k, normalize(x));
  }
  return out;
}

/** JSON with sorted keys: equal values print equal, whatever the member order. */
export function canonical(v: unknown): string {
  return JSON.stringify(sortKeys(v)) ?? 'undefined';
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys(v[k])]),
  );
}
