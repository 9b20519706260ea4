// The order in which QEMU 7.2 walks the members of a QMP message. It decides
// which error QEMU reports when a message has several problems, so cpuhp walks
// them the same way (the QMP differential, test/peers/qmp-differential.test.ts,
// caught both: {"execute":..., "exec-oob":...} is "'execute' clashes with
// 'exec-oob'", and arguments {"a":1,"b":2,"c":3} to a command taking none is
// "Parameter 'b' is unexpected").

/**
 * qdict_first/qdict_next (qobject/qdict.c): QDict is a hash table of 512 buckets
 * keyed by tdb_hash, walked bucket by bucket, the last inserted first within one.
 */
export function qdictOrder(keys: readonly string[]): string[] {
  const bucket = (key: string) => {
    const b = Buffer.from(key, 'utf8');
    let v = Math.imul(0x238f13af, b.length) >>> 0;
    b.forEach((c, i) => (v = (v + ((c << ((i * 5) % 24)) >>> 0)) >>> 0));
    return ((Math.imul(1103515243, v) + 12345) >>> 0) % 512;
  };
  return keys
    .map((key, i) => ({ key, i, b: bucket(key) }))
    .sort((x, y) => x.b - y.b || y.i - x.i)
    .map((e) => e.key);
}

/** g_str_hash: djb2 over signed chars, 0 and 1 mapped to 2 (GLib's reserved hashes). */
function strHash(key: string): number {
  let h = 5381;
  for (const c of Buffer.from(key, 'utf8')) h = (Math.imul(h, 33) + (c > 127 ? c - 256 : c)) >>> 0;
  return h < 2 ? 2 : h;
}

/** GLib's prime moduli by table shift (ghash.c prime_mod). */
const PRIME_MOD = [1, 2, 3, 7, 13, 31, 61, 127, 251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521];

/**
 * The members a QAPI input visitor finds unexpected, in the order it reports them
 * (qobject_input_check_struct): it copies the message's keys, in QDict order, into
 * a GHashTable (GLib 2.74: open addressing, index (hash * 11) % prime, probing by
 * growing steps), removes each member it visited, and names the first left when
 * walking the table's slots. A table of 8 slots holds 7 keys; past that GLib grows
 * it in place, which this approximates by rehashing in slot order.
 */
export function unexpectedOrder(keys: readonly string[], expected: ReadonlySet<string>): string[] {
  let shift = 3;
  let slots: (string | undefined)[] = new Array<string | undefined>(1 << shift);
  const insert = (table: (string | undefined)[], key: string, mod: number) => {
    const mask = table.length - 1;
    let i = (Math.imul(strHash(key), 11) >>> 0) % mod;
    for (let step = 1; table[i] !== undefined; step++) i = (i + step) & mask;
    table[i] = key;
  };
  let count = 0;
  for (const key of qdictOrder(keys)) {
    insert(slots, key, PRIME_MOD[shift]!);
    count++;
    if (slots.length <= count + Math.floor(count / 16)) {
      const old = slots.filter((k): k is string => k !== undefined);
      shift = Math.max(3, Math.ceil(Math.log2(Math.floor(count * 1.333) + 1)));
      slots = new Array<string | undefined>(1 << shift);
      for (const k of old) insert(slots, k, PRIME_MOD[shift]!);
    }
  }
  return slots.filter((k): k is string => k !== undefined && !expected.has(k));
}
