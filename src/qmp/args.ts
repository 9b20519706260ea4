import { QmpError } from './errors.ts';
import { unexpectedOrder } from './qemu-order.ts';

export type ArgType = 'str' | 'int' | 'bool' | 'any';
export interface ArgSpec {
  readonly type: ArgType;
  readonly optional?: boolean;
}
/** A command's arguments; `extra: true` accepts any further members (device_add's properties). */
export interface ArgsSchema {
  readonly args: Readonly<Record<string, ArgSpec>>;
  readonly extra?: boolean;
}

const TYPE_NAME: Record<ArgType, string> = { str: 'string', int: 'integer', bool: 'boolean', any: 'any' };

function matches(type: ArgType, v: unknown): boolean {
  switch (type) {
    case 'str': return typeof v === 'string';
    case 'int': return typeof v === 'number' && Number.isSafeInteger(v);
    case 'bool': return typeof v === 'boolean';
    case 'any': return true;
  }
}

/** Checks arguments against a schema with QEMU's QAPI visitor messages. */
export function checkArgs(schema: ArgsSchema, args: Readonly<Record<string, unknown>>): void {
  for (const [name, spec] of Object.entries(schema.args)) {
    if (!(name in args)) {
      if (!spec.optional) throw new QmpError('GenericError', `Parameter '${name}' is missing`);
    } else if (!matches(spec.type, args[name])) {
      throw new QmpError('GenericError', `Invalid parameter type for '${name}', expected: ${TYPE_NAME[spec.type]}`);
    }
  }
  if (!schema.extra) {
    const keys = Object.keys(args);
    if (keys.every((k) => Object.hasOwn(schema.args, k))) return;
    // Several unexpected members: QEMU names the first in its visitor's hash-table order.
    const [first] = unexpectedOrder(keys, new Set(Object.keys(schema.args)));
    if (first !== undefined) throw new QmpError('GenericError', `Parameter '${first}' is unexpected`);
  }
}
