import { UsageError } from './usage-error.ts';

/** How one option is spelled and whether it takes a value. */
export interface OptionSpec {
  readonly names: readonly string[];
  readonly key: string;
  readonly takesValue: boolean;
  readonly help: string;
}

export type ParsedOptions = Record<string, string | true>;

/**
 * Parses QEMU-style options: single-dash words (-machine q35) and double-dash
 * long options (--out DIR), with "--opt=value" accepted too. Positional
 * arguments are refused: every cpuhp command is driven by options alone.
 */
export function parseOptions(argv: readonly string[], specs: readonly OptionSpec[]): ParsedOptions {
  const out: ParsedOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const word = eq >= 0 ? raw.slice(0, eq) : raw;
    const spec = specs.find((s) => s.names.includes(word));
    if (!spec) {
      throw new UsageError(raw.startsWith('-') ? 'unknown-option' : 'bad-value', raw.startsWith('-') ? `unknown option '${raw}'` : `unexpected argument '${raw}'`);
    }
    if (!spec.takesValue) {
      if (eq >= 0) throw new UsageError('bad-value', `option '${word}' takes no value`);
      out[spec.key] = true;
      continue;
    }
    const value = eq >= 0 ? raw.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError('missing-value', `option '${word}' requires a value`);
    out[spec.key] = value;
  }
  return out;
}

/** -machine properties of QEMU's that do not change what cpuhp builds, accepted so QEMU command lines work. */
const IGNORED_MACHINE_PROPERTIES = new Set(['accel', 'kernel-irqchip', 'usb', 'vmport', 'smm', 'hpet', 'dump-guest-core']);

/** The machine type named by a -machine value ("q35", "type=q35", "q35,accel=kvm"). */
export function machineName(value: string): string {
  const [first, ...props] = value.split(',');
  for (const p of props) {
    const key = p.split('=')[0]!;
    if (!IGNORED_MACHINE_PROPERTIES.has(key)) throw new UsageError('bad-value', `-machine: property '${key}' is not supported`);
  }
  return first!.startsWith('type=') ? first!.slice('type='.length) : first!;
}

export function formatHelp(specs: readonly OptionSpec[]): string {
  return specs.map((s) => `  ${s.names.join(', ').padEnd(24)} ${s.help}`).join('\n');
}
