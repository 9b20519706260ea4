// Runs a validated scenario step by step. Every event goes to `emit` as it happens;
// the first step that fails (an expectation, a refused request that was not
// expected, a migration stream that does not load) ends the run with ScenarioError.
import { HotplugStateError } from '../hotplug/index.ts';
import { DeviceError } from '../topology/index.ts';
import { MachineStateError } from '../machine/index.ts';
import { checkExpectation } from './expect.ts';
import type { Expectation, Scenario, Step } from './schema.ts';
import { ScenarioError, Session, type TimelineEntry } from './session.ts';

export interface ScenarioResult {
  readonly session: Session;
  readonly steps: number;
  readonly checks: number;
}

/** Errors a step may expect with its `error` key: the VMM refusing, a stream that does not fit. */
const REFUSALS = [DeviceError, MachineStateError, HotplugStateError, ScenarioError];

/** `onStart` gets the session before anything happens on it (the --html report reads its machine). */
export function runScenario(s: Scenario, emit: (e: TimelineEntry) => void, onStart?: (session: Session) => void): ScenarioResult {
  const session = new Session(s.config, s.guest, emit);
  onStart?.(session);
  if (s.bootsFirst) session.boot();
  let checks = 0;
  for (const step of s.steps) {
    emit({ kind: 'step', time: session.time, where: step.where, text: describeStep(step), ...(step.comment ? { comment: step.comment } : {}) });
    const fail = (message: string): never => {
      throw new ScenarioError(`${step.where} (${step.kind}): ${message}`);
    };
    switch (step.kind) {
      case 'boot':
        session.boot();
        break;
      case 'run':
        try {
          session.run(s.maxGuestSteps);
        } catch (e) {
          if (e instanceof ScenarioError) fail(e.message);
          throw e;
        }
        break;
      case 'step':
        session.step(step.count);
        break;
      case 'save':
        emit({ kind: 'check', time: session.time, text: `saved ${session.save(step.name)} bytes` });
        break;
      case 'device_add':
        refusable(step.error, () => session.machine.deviceAdd(step.props), fail, emit, session);
        break;
      case 'device_del':
        refusable(step.error, () => session.machine.deviceDel(step.id), fail, emit, session);
        break;
      case 'load':
        refusable(step.error, () => session.load(step.name, step.config), fail, emit, session);
        if (step.error === undefined) emit({ kind: 'check', time: session.time, text: `the guest runs on a ${step.config.type.name} machine now` });
        break;
      case 'expect': {
        const failed = checkExpectation(session, step.expect, session.takeWindow());
        checks += Object.keys(step.expect).length;
        if (failed.length > 0) fail(failed.join('; '));
        emit({ kind: 'check', time: session.time, text: `ok: ${Object.keys(step.expect).join(', ')}` });
        break;
      }
    }
  }
  return { session, steps: s.steps.length, checks };
}

/** Runs a request that the VMM may refuse; with `error`, it must refuse with that text. */
function refusable(
  error: string | undefined,
  fn: () => void,
  fail: (m: string) => never,
  emit: (e: TimelineEntry) => void,
  session: Session,
): void {
  try {
    fn();
  } catch (e) {
    if (!REFUSALS.some((k) => e instanceof k)) throw e;
    const message = (e as Error).message;
    if (error === undefined) fail(message);
    if (!message.includes(error)) fail(`refused with "${message}", expected an error containing "${error}"`);
    emit({ kind: 'check', time: session.time, text: `refused as expected: ${message}` });
    return;
  }
  if (error !== undefined) fail(`succeeded, expected an error containing "${error}"`);
}

/** A step as one line, in the words of QEMU's HMP where there are some. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'boot':
      return 'boot the guest';
    case 'device_add': {
      const { driver, ...rest } = step.props;
      return `device_add ${[String(driver), ...Object.entries(rest).map(([k, v]) => `${k}=${v}`)].join(',')}`;
    }
    case 'device_del':
      return `device_del ${step.id}`;
    case 'run':
      return 'run the guest until it is idle';
    case 'step':
      return `run ${step.count} guest step${step.count === 1 ? '' : 's'}`;
    case 'save':
      return `save the machine state as '${step.name}'`;
    case 'load':
      return `load '${step.name}' into a new ${step.config.type.name} machine, keeping the guest`;
    case 'expect':
      return `expect ${describeExpectation(step.expect)}`;
  }
}

/** The checks of an expect step, compactly: `online=[0,1] sta{C001=0xf} notify=[C001:1]`. */
function describeExpectation(e: Expectation): string {
  const hex = (n: number) => `0x${n.toString(16)}`;
  const short = (p: string) => p.slice(p.lastIndexOf('.') + 1);
  const parts: string[] = [];
  if (e.online) parts.push(`online=[${e.online.join(',')}]`);
  if (e.vmmCpus) parts.push(`vmmCpus=[${e.vmmCpus.join(',')}]`);
  if (e.consistent !== undefined) parts.push(`consistent=${e.consistent}`);
  if (e.sta) parts.push(`sta{${Object.entries(e.sta).map(([p, v]) => `${short(p)}=${hex(v)}`).join(' ')}}`);
  if (e.latches) parts.push(`latches{${Object.entries(e.latches).map(([k, v]) => `${k}=[${(v as number[]).join(',')}]`).join(' ')}}`);
  if (e.notify) parts.push(`notify=[${e.notify.map((n) => `${short(n.path)}:${n.value}`).join(' ')}]`);
  if (e.ost) parts.push(`ost=[${e.ost.map((o) => `${short(o.path)}(${hex(o.source)},${hex(o.status)})`).join(' ')}]`);
  if (e.events) parts.push(`events=[${e.events.map((x) => x.event).join(' ')}]`);
  if (e.log) parts.push(`log=${JSON.stringify(e.log)}`);
  return parts.join(' ');
}
