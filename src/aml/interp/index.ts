// Public API of the AML interpreter (src/aml/interp). Other folders import only
// this file. Guarantees, for every entry point:
// - Everything thrown is an AmlError with a stable `code` (plus the method path and
//   table offset when AML was running); never a host exception, never a crash.
// - Every evaluation is bounded, deterministically: by an operation budget
//   (limits.operations: statements, While iterations, calls, field datums), While
//   loops by limits.loopIterations, call nesting by limits.callDepth, and tables by
//   limits.tableBytes; wall time (limits.timeMs, 60 s) is only a last resort
//   (limits.ts). Sleep/Stall only advance a virtual clock.
// - Notify, Debug and region-trace callbacks run synchronously, in AML order.
// - Values returned to the host are copies; the host cannot change AML state by
//   mutating them, and arguments are copied in.
export { Interpreter, type InterpreterOptions, type InitFailure } from './interpreter.ts';
export { AmlError, type AmlErrorCode } from './errors.ts';
export type {
  AmlValue, AmlInteger, AmlString, AmlBuffer, AmlPackage, AmlReference, AmlUninitialized,
} from './types.ts';
export { assertNever } from './types.ts';
export type { NamespaceNode } from './namespace.ts';
export type {
  AddressSpace, AccessWidth, RegionHandler, RegionAccessInfo, RegionAccessEvent, RegionObserver,
} from './opregion.ts';
export { ADDRESS_SPACES } from './opregion.ts';
export type { NotifyHandler, DebugHandler } from './runtime.ts';
export { DEFAULT_LIMITS, type Limits } from './limits.ts';
export { integer, string, buffer, pkg } from './values.ts';
export { OSI_SUPPORTED, osiList } from './predefined.ts';
export type { TableHeader } from '../decode/index.ts';
