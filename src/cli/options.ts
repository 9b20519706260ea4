import { UsageError } from './usage-error.ts';

/** How one option is spelled and whether it takes a value. */
export interface OptionSpec {
  readonly names: readonly string[];
  readonly key: string;
  readonly takesValue: boolean;
  /** The value may be left out (then the option is just `true`): taken from `--opt=value` or a next argument not starting with '-'. */
  readonly optionalValue?: boolean;
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
    if (spec.optionalValue) {
      const next = argv[i + 1];
      out[spec.key] = eq >= 0 ? raw.slice(eq + 1) : next !== undefined && !next.startsWith('-') ? argv[++i]! : true;
      continue;
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
/** -machine properties accepted only with the value cpuhp builds (virt's interrupt controller is a GICv3). */
const FIXED_MACHINE_PROPERTIES: Readonly<Record<string, string>> = { 'gic-version': '3' };

/** The machine type named by a -machine value ("q35", "type=q35", "q35,accel=kvm", "virt,gic-version=3"). */
export function machineName(value: string): string {
  const [first, ...props] = value.split(',');
  for (const p of props) {
    const [key, v] = [p.split('=')[0]!, p.slice(p.indexOf('=') + 1)];
    const fixed = FIXED_MACHINE_PROPERTIES[key];
    if (fixed !== undefined && v !== fixed) throw new UsageError('bad-value', `-machine: ${key}=${v} is not supported (only ${key}=${fixed})`);
    if (fixed === undefined && !IGNORED_MACHINE_PROPERTIES.has(key)) throw new UsageError('bad-value', `-machine: property '${key}' is not supported`);
  }
  return first!.startsWith('type=') ? first!.slice('type='.length) : first!;
}

/**
 * Checks a -cpu value ("max", "max,pauth-impdef=on") against the one CPU model a
 * machine type plugs (its cpuType without the "-<arch>-cpu" suffix). CPU feature
 * properties are accepted: they do not change anything CPU hot-plug sees.
 */
export function checkCpuModel(value: string, cpuType: string): void {
  const model = value.split(',')[0]!;
  const own = cpuType.slice(0, cpuType.indexOf('-'));
  if (model !== own) throw new UsageError('bad-value', `-cpu: only '${own}' is modelled on this machine (its CPU type is '${cpuType}')`);
}

export function formatHelp(specs: readonly OptionSpec[]): string {
  return specs.map((s) => `  ${s.names.join(', ').padEnd(24)} ${s.help}`).join('\n');
}
