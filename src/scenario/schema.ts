// The scenario file format (`cpuhp scenario FILE.json`) and its strict validation.
// A scenario is a machine, a guest and a list of steps; see examples/*.json and
// formatScenarioHelp() below. Everything is checked before anything runs: an
// unknown key, a value of the wrong type or an impossible machine is one line and
// exit status 2 (ScenarioFileError, MachineConfigError), never a half-run scenario.
import { InputError } from '../base/index.ts';
import { MachineConfigError } from '../topology/index.ts';
import { findMachineType, createMachineConfig, type MachineConfig } from '../machine/index.ts';

/** Bounds, so a scenario file cannot make the command run away. */
export const SCENARIO_LIMITS = Object.freeze({
  /** Bytes of JSON read. */
  fileBytes: 1 << 20,
  /** Entries of `steps`. */
  steps: 10_000,
  /** Default and ceiling of guest steps one `run` or `step` may take. */
  defaultGuestSteps: 100_000,
  maxGuestSteps: 10_000_000,
});

export interface ScenarioGuest {
  /** Online hot-added CPUs at once, as a udev rule would (default true). */
  readonly autoOnline: boolean;
  /** /sys/firmware/acpi/hotplug/processor/enabled (default true). */
  readonly processorHotplug: boolean;
}

/** Checks of the guest's and the VMM's state; each key is optional. */
export interface Expectation {
  /** Logical CPUs the guest has online (/sys/devices/system/cpu/online), as a set. */
  readonly online?: readonly number[];
  /** cpu-index of every vCPU the VMM runs (query-cpus-fast), as a set. */
  readonly vmmCpus?: readonly number[];
  /** true: the guest's online CPUs are exactly the VMM's vCPUs (by hardware id); false: they differ. */
  readonly consistent?: boolean;
  /** _STA of processor objects now: a full path, or the object's name ("C001"). */
  readonly sta?: Readonly<Record<string, number>>;
  /** Slots whose insert / remove event is latched in the hot-plug controller now, as sets. */
  readonly latches?: { readonly insert?: readonly number[]; readonly remove?: readonly number[] };
  /** Notify calls since the previous expect step, in order. */
  readonly notify?: readonly { readonly path: string; readonly value: number }[];
  /** _OST evaluations since the previous expect step, in order. */
  readonly ost?: readonly { readonly path: string; readonly source: number; readonly status: number }[];
  /** QMP events since the previous expect step, in order; `data` is matched as a subset. */
  readonly events?: readonly { readonly event: string; readonly data?: Readonly<Record<string, unknown>> }[];
  /** Substrings of guest log lines since the previous expect step, in this order. */
  readonly log?: readonly string[];
}

interface StepBase {
  /** Where the step is in the file ("steps[3]"), for messages. */
  readonly where: string;
  readonly comment?: string;
}

export type Step = StepBase &
  (
    | { readonly kind: 'boot' }
    | { readonly kind: 'device_add'; readonly props: Readonly<Record<string, string | number>>; readonly error?: string }
    | { readonly kind: 'device_del'; readonly id: string; readonly error?: string }
    | { readonly kind: 'run' }
    | { readonly kind: 'step'; readonly count: number }
    | { readonly kind: 'expect'; readonly expect: Expectation }
    | { readonly kind: 'save'; readonly name: string }
    | { readonly kind: 'load'; readonly name: string; readonly config: MachineConfig; readonly error?: string }
  );

export interface Scenario {
  readonly description?: string;
  readonly config: MachineConfig;
  readonly guest: ScenarioGuest;
  readonly maxGuestSteps: number;
  /** False when a `boot` step boots the guest; otherwise it boots before step 1. */
  readonly bootsFirst: boolean;
  readonly steps: readonly Step[];
}

const ACTIONS = ['boot', 'device_add', 'device_del', 'run', 'step', 'expect', 'save', 'load'] as const;
type Action = (typeof ACTIONS)[number];
/** Keys a step may carry besides its action. */
const MODIFIERS: Readonly<Record<Action, readonly string[]>> = {
  boot: [],
  device_add: ['error'],
  device_del: ['error'],
  run: [],
  step: [],
  expect: [],
  save: [],
  load: ['machine', 'error'],
};
/** Expectations that look at the guest, so they need it booted. */
const GUEST_CHECKS = ['online', 'consistent', 'sta', 'notify', 'ost', 'log'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { readonly [k: string]: Json };

/** Validation context: the file name for messages and a path inside the document. */
/** A scenario file that cannot be run as written: exit status 2, one line, nothing run. */
export class ScenarioFileError extends InputError<'bad-value'> {}

class At {
  constructor(
    private readonly file: string,
    readonly path: string,
  ) {}
  child(key: string | number): At {
    return new At(this.file, typeof key === 'number' ? `${this.path}[${key}]` : this.path ? `${this.path}.${key}` : key);
  }
  /** "scenario FILE: PATH: " — what every message starts with. */
  get prefix(): string {
    return `scenario ${this.file}: ${this.path ? `${this.path}: ` : ''}`;
  }
  at(path: string): At {
    return new At(this.file, path);
  }
  fail(message: string): never {
    throw new ScenarioFileError('bad-value', `${this.prefix}${message}`);
  }
  /** An object with any keys (device_add properties, _STA paths, event data). */
  record(v: Json | undefined): Obj {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(`expected an object, got ${describe(v)}`);
    return v;
  }
  /** An object with only `keys`, and all of `required`. */
  object(v: Json | undefined, keys: readonly string[], required: readonly string[] = []): Obj {
    const o = this.record(v);
    for (const k of Object.keys(o)) if (!keys.includes(k)) this.fail(`unknown key '${k}' (expected ${keys.join(', ')})`);
    for (const k of required) if (!Object.hasOwn(o, k)) this.fail(`missing key '${k}'`);
    return o;
  }
  string(v: Json | undefined): string {
    if (typeof v !== 'string' || v === '') this.fail(`expected a non-empty string, got ${describe(v)}`);
    return v;
  }
  boolean(v: Json | undefined): boolean {
    if (typeof v !== 'boolean') this.fail(`expected true or false, got ${describe(v)}`);
    return v;
  }
  integer(v: Json | undefined, min: number, max: number): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) this.fail(`expected an integer in ${min}..${max}, got ${describe(v)}`);
    return v;
  }
  array(v: Json | undefined, max = SCENARIO_LIMITS.steps): Json[] {
    if (!Array.isArray(v)) this.fail(`expected an array, got ${describe(v)}`);
    if (v.length > max) this.fail(`at most ${max} entries, got ${v.length}`);
    return v;
  }
  integers(v: Json | undefined, max: number): number[] {
    return this.array(v).map((x, i) => this.child(i).integer(x, 0, max));
  }
  isTrue(v: Json | undefined): void {
    if (v !== true) this.fail(`expected true, got ${describe(v)}`);
  }
}

function describe(v: Json | undefined): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** Parses and validates a scenario file's text. Throws ScenarioFileError or MachineConfigError. */
export function parseScenario(text: string, file: string): Scenario {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch (e) {
    throw new ScenarioFileError('bad-value', `scenario ${file}: not valid JSON: ${(e as Error).message}`);
  }
  return validateScenario(doc, file);
}

const U32 = 0xffff_ffff;

export function validateScenario(doc: unknown, file: string): Scenario {
  const at = new At(file, '');
  const top = at.object(doc as Json, ['description', 'machine', 'smp', 'guest', 'maxGuestSteps', 'steps'], ['machine', 'smp', 'steps']);
  const description = top['description'] === undefined ? undefined : at.child('description').string(top['description']);
  const smp = at.child('smp').string(top['smp']);
  const config = machineConfig(at.child('machine'), at.child('machine').string(top['machine']), smp);
  const g = top['guest'] === undefined ? {} : at.child('guest').object(top['guest'], ['autoOnline', 'processorHotplug']);
  const guest: ScenarioGuest = {
    autoOnline: g['autoOnline'] === undefined ? true : at.child('guest').child('autoOnline').boolean(g['autoOnline']),
    processorHotplug: g['processorHotplug'] === undefined ? true : at.child('guest').child('processorHotplug').boolean(g['processorHotplug']),
  };
  const maxGuestSteps = top['maxGuestSteps'] === undefined
    ? SCENARIO_LIMITS.defaultGuestSteps
    : at.child('maxGuestSteps').integer(top['maxGuestSteps'], 1, SCENARIO_LIMITS.maxGuestSteps);

  const list = at.child('steps').array(top['steps']);
  if (list.length === 0) at.child('steps').fail('expected at least one step');
  const saved = new Set<string>();
  let booted = !list.some((s) => s !== null && typeof s === 'object' && !Array.isArray(s) && Object.hasOwn(s, 'boot'));
  const bootsFirst = booted;
  const steps = list.map((raw, i) => {
    const step = validateStep(at.child('steps').child(i), raw, { smp, config, maxGuestSteps, saved });
    if (step.kind === 'boot') {
      if (booted) at.at(step.where).fail('the guest boots only once');
      booted = true;
    }
    const needsGuest = step.kind === 'run' || step.kind === 'step' || (step.kind === 'expect' && GUEST_CHECKS.some((k) => Object.hasOwn(step.expect, k)));
    if (needsGuest && !booted) at.at(step.where).fail(`'${step.kind}' needs the guest, which boots at a later 'boot' step`);
    return step;
  });
  return { ...(description !== undefined ? { description } : {}), config, guest, maxGuestSteps, bootsFirst, steps };
}

/** A machine type and -smp that can be built; errors are MachineConfigError, located. */
function machineConfig(at: At, name: string, smp: string): MachineConfig {
  try {
    return createMachineConfig(findMachineType(name), smp);
  } catch (e) {
    if (e instanceof MachineConfigError) throw new MachineConfigError(e.code, `${at.prefix}${e.message}`, { cause: e });
    throw e;
  }
}

interface StepContext {
  readonly smp: string;
  readonly config: MachineConfig;
  readonly maxGuestSteps: number;
  readonly saved: Set<string>;
}

function validateStep(at: At, raw: Json | undefined, ctx: StepContext): Step {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) at.fail(`expected a step object, got ${describe(raw)}`);
  const actions = ACTIONS.filter((a) => Object.hasOwn(raw, a));
  if (actions.length !== 1) {
    at.fail(actions.length === 0
      ? `no action (expected one of ${ACTIONS.join(', ')}; unknown key '${Object.keys(raw)[0] ?? ''}')`
      : `one action per step, got ${actions.join(' and ')}`);
  }
  const kind = actions[0]!;
  const o = at.object(raw, [kind, 'comment', ...MODIFIERS[kind]]);
  const base = { where: at.path, ...(o['comment'] !== undefined ? { comment: at.child('comment').string(o['comment']) } : {}) };
  const here = at.child(kind);
  const error = o['error'] === undefined ? {} : { error: at.child('error').string(o['error']) };
  const v = o[kind];
  switch (kind) {
    case 'boot':
      here.isTrue(v);
      return { ...base, kind };
    case 'run':
      here.isTrue(v);
      return { ...base, kind };
    case 'step':
      return { ...base, kind, count: here.integer(v, 1, ctx.maxGuestSteps) };
    case 'device_add': {
      const props = here.record(v);
      const out: Record<string, string | number> = {};
      for (const [k, x] of Object.entries(props)) {
        if (typeof x === 'string' || (typeof x === 'number' && Number.isInteger(x))) out[k] = x;
        else here.child(k).fail(`expected a string or an integer, got ${describe(x)}`);
      }
      if (!Object.hasOwn(out, 'driver')) here.fail("missing key 'driver'");
      return { ...base, kind, props: out, ...error };
    }
    case 'device_del':
      return { ...base, kind, id: here.string(v), ...error };
    case 'save': {
      const name = here.string(v);
      ctx.saved.add(name);
      return { ...base, kind, name };
    }
    case 'load': {
      const name = here.string(v);
      if (!ctx.saved.has(name)) here.fail(`no earlier 'save' step named '${name}'`);
      const machine = o['machine'] === undefined ? undefined : at.child('machine').string(o['machine']);
      const config = machine === undefined ? ctx.config : machineConfig(at.child('machine'), machine, ctx.smp);
      return { ...base, kind, name, config, ...error };
    }
    case 'expect':
      return { ...base, kind, expect: validateExpectation(here, v, ctx.config.cpus.length) };
  }
}

function validateExpectation(at: At, v: Json | undefined, slots: number): Expectation {
  const o = at.object(v, ['online', 'vmmCpus', 'consistent', 'sta', 'latches', 'notify', 'ost', 'events', 'log']);
  if (Object.keys(o).length === 0) at.fail('expected at least one check');
  const out: { -readonly [K in keyof Expectation]: Expectation[K] } = {};
  if (o['online'] !== undefined) out.online = at.child('online').integers(o['online'], slots - 1);
  if (o['vmmCpus'] !== undefined) out.vmmCpus = at.child('vmmCpus').integers(o['vmmCpus'], slots - 1);
  if (o['consistent'] !== undefined) out.consistent = at.child('consistent').boolean(o['consistent']);
  if (o['sta'] !== undefined) {
    const s = at.child('sta');
    const m = s.record(o['sta']);
    if (Object.keys(m).length === 0) s.fail('expected at least one path');
    out.sta = Object.fromEntries(Object.entries(m).map(([path, x]) => [path, s.child(path).integer(x, 0, U32)]));
  }
  if (o['latches'] !== undefined) {
    const l = at.child('latches');
    const m = l.object(o['latches'], ['insert', 'remove']);
    out.latches = {
      ...(m['insert'] !== undefined ? { insert: l.child('insert').integers(m['insert'], slots - 1) } : {}),
      ...(m['remove'] !== undefined ? { remove: l.child('remove').integers(m['remove'], slots - 1) } : {}),
    };
  }
  if (o['notify'] !== undefined) {
    const n = at.child('notify');
    out.notify = n.array(o['notify']).map((x, i) => {
      const e = n.child(i).object(x, ['path', 'value'], ['path', 'value']);
      return { path: n.child(i).child('path').string(e['path']), value: n.child(i).child('value').integer(e['value'], 0, 0xff) };
    });
  }
  if (o['ost'] !== undefined) {
    const n = at.child('ost');
    out.ost = n.array(o['ost']).map((x, i) => {
      const c = n.child(i);
      const e = c.object(x, ['path', 'source', 'status'], ['path', 'source', 'status']);
      return { path: c.child('path').string(e['path']), source: c.child('source').integer(e['source'], 0, U32), status: c.child('status').integer(e['status'], 0, U32) };
    });
  }
  if (o['events'] !== undefined) {
    const n = at.child('events');
    out.events = n.array(o['events']).map((x, i) => {
      const c = n.child(i);
      const e = c.object(x, ['event', 'data'], ['event']);
      const event = c.child('event').string(e['event']);
      if (e['data'] === undefined) return { event };
      return { event, data: c.child('data').record(e['data']) };
    });
  }
  if (o['log'] !== undefined) out.log = at.child('log').array(o['log']).map((x, i) => at.child('log').child(i).string(x));
  return out;
}
