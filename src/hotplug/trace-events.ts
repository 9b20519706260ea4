// The controller's trace points: QEMU's hw/acpi/trace-events ("# cpu.c"), same names,
// same arguments in the same order and C types, same format strings (read out of
// Debian's qemu-system-x86_64 7.2.22 binary and checked against its `-trace 'cpuhp_*'`
// output), so a cpuhp trace diffs line for line against QEMU's.
//
// QEMU traces most branches of cpu_hotplug_rd/cpu_hotplug_wr but not all, and we
// emit exactly what QEMU emits (checked live, see registers.ts): no event for a read
// with an out-of-range selector, for reads or writes of the reserved offsets, for a
// flags write with none of bits 1..4 set, or for a command-data write under command
// 0 or 3; and two events (write_cmd, then cpu_has_events) when command 0 finds a CPU.

/** C types of trace arguments: they decide truncation and printing. */
type ArgType = 'u32' | 'u8' | 'bool';

interface TraceEventSpec {
  /** Argument names in QEMU's order, with their C types. */
  readonly args: Readonly<Record<string, ArgType>>;
  /** QEMU's format string; only %x and %d occur. */
  readonly format: string;
}

export const TRACE_EVENTS = {
  cpuhp_acpi_invalid_idx_selected: { args: { idx: 'u32' }, format: '0x%x' },
  cpuhp_acpi_read_flags: { args: { idx: 'u32', flags: 'u8' }, format: 'idx[0x%x] flags: 0x%x' },
  cpuhp_acpi_write_idx: { args: { idx: 'u32' }, format: 'set active cpu idx: 0x%x' },
  cpuhp_acpi_write_cmd: { args: { idx: 'u32', cmd: 'u8' }, format: 'idx[0x%x] cmd: 0x%x' },
  cpuhp_acpi_read_cmd_data: { args: { idx: 'u32', data: 'u32' }, format: 'idx[0x%x] data: 0x%x' },
  cpuhp_acpi_read_cmd_data2: { args: { idx: 'u32', data: 'u32' }, format: 'idx[0x%x] data: 0x%x' },
  cpuhp_acpi_cpu_has_events: {
    args: { idx: 'u32', ins: 'bool', rm: 'bool' },
    format: 'idx[0x%x] inserting: %d, removing: %d',
  },
  cpuhp_acpi_clear_inserting_evt: { args: { idx: 'u32' }, format: 'idx[0x%x]' },
  cpuhp_acpi_clear_remove_evt: { args: { idx: 'u32' }, format: 'idx[0x%x]' },
  cpuhp_acpi_ejecting_invalid_cpu: { args: { idx: 'u32' }, format: '0x%x' },
  cpuhp_acpi_ejecting_cpu: { args: { idx: 'u32' }, format: '0x%x' },
  cpuhp_acpi_fw_remove_invalid_cpu: { args: { idx: 'u32' }, format: '0x%x' },
  cpuhp_acpi_fw_remove_cpu: { args: { idx: 'u32' }, format: '0x%x' },
  cpuhp_acpi_write_ost_ev: { args: { slot: 'u32', ev: 'u32' }, format: 'idx[0x%x] OST EVENT: 0x%x' },
  cpuhp_acpi_write_ost_status: { args: { slot: 'u32', st: 'u32' }, format: 'idx[0x%x] OST STATUS: 0x%x' },
} as const satisfies Record<string, TraceEventSpec>;

type Table = typeof TRACE_EVENTS;
export type TraceEventName = keyof Table;

type TsType<T> = T extends 'bool' ? boolean : number;
/** The arguments of one trace point, e.g. `{ idx: number; flags: number }`. */
export type TraceArgs<K extends TraceEventName> = { readonly [A in keyof Table[K]['args']]: TsType<Table[K]['args'][A]> };

/** One trace event: a discriminated union on `name`. */
export type TraceEvent = { [K in TraceEventName]: { readonly name: K } & TraceArgs<K> }[TraceEventName];

/** Builds an event, truncating each argument to its C type as QEMU's call does. */
export function traceEvent<K extends TraceEventName>(name: K, args: TraceArgs<K>): TraceEvent {
  const spec: Readonly<Record<string, ArgType>> = TRACE_EVENTS[name].args;
  const out: Record<string, number | boolean | string> = { name };
  for (const [arg, type] of Object.entries(spec)) {
    const v = (args as Record<string, number | boolean>)[arg];
    out[arg] = type === 'bool' ? Boolean(v) : type === 'u8' ? Number(v) & 0xff : Number(v) >>> 0;
  }
  return out as unknown as TraceEvent;
}

/**
 * One line as QEMU's `-trace` (log backend, no timestamps) prints it:
 * `cpuhp_acpi_read_flags idx[0x3] flags: 0x5`.
 */
export function formatTraceEvent(event: TraceEvent): string {
  const spec: Readonly<Record<string, ArgType>> = TRACE_EVENTS[event.name].args;
  const values = Object.keys(spec).map((arg) => (event as unknown as Record<string, number | boolean>)[arg]);
  let i = 0;
  const text = TRACE_EVENTS[event.name].format.replace(/%[xd]/g, (conv) => {
    const v = values[i++];
    const n = typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? 0);
    return conv === '%x' ? n.toString(16) : n.toString(10);
  });
  return `${event.name} ${text}`;
}
