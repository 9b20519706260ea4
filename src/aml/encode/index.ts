// Public API of the AML encoder: small immutable values named after ASL terms.
export { AmlEncodeError, type AmlEncodeErrorCode } from './errors.ts';
export { AmlWriter, pkgLength, PKG_LENGTH_MAX } from './writer.ts';
export { nameString, nameSeg, MAX_SEGMENTS } from './name.ts';
export { type AmlNode, toBytes, encodeAll, Generated } from './node.ts';
export {
  Integer, FixedInteger, Zero, One, Ones, AmlString, Buffer, Package, VarPackage, EisaId,
  type Operand, operand,
} from './data.ts';
export { NameRef, Local, Arg, Debug, NullTarget, Revision, Timer, local, arg, name } from './refs.ts';
export {
  Scope, Device, Processor, Name, Alias, Method, type MethodOptions, Mutex, Event,
  OperationRegion, RegionSpace, type RegionSpaceName, External,
} from './named.ts';
export {
  Field, IndexField, BankField, field, reserved, offset, AccessType, LockRule, UpdateRule,
  type FieldElement, type FieldFlags, type AccessTypeName, type LockRuleName, type UpdateRuleName,
} from './field.ts';
export { If, While, Return, Break, Continue, Noop, BreakPoint, Fatal } from './control.ts';
export * from './operators.ts';
export { Io, Memory32Fixed, Interrupt, resourceTemplate, type ResourceDescriptor, type InterruptOptions } from './resources.ts';
