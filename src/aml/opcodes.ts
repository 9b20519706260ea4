// AML opcodes (ACPI 6.5 §20.3, "AML Byte Stream Byte Values"), shared by the
// encoder and the decoder. Extended opcodes are the byte after EXT_OP_PREFIX.

export const EXT_OP_PREFIX = 0x5b;

/** Name-string lead bytes (ACPI 6.5 §20.2.2). */
export const NameChar = {
  NULL_NAME: 0x00,
  DUAL_NAME_PREFIX: 0x2e,
  MULTI_NAME_PREFIX: 0x2f,
  ROOT_CHAR: 0x5c,
  PARENT_PREFIX_CHAR: 0x5e,
} as const;

/** One-byte opcodes. */
export const Op = {
  ZERO: 0x00,
  ONE: 0x01,
  ALIAS: 0x06,
  NAME: 0x08,
  BYTE_PREFIX: 0x0a,
  WORD_PREFIX: 0x0b,
  DWORD_PREFIX: 0x0c,
  STRING_PREFIX: 0x0d,
  QWORD_PREFIX: 0x0e,
  SCOPE: 0x10,
  BUFFER: 0x11,
  PACKAGE: 0x12,
  VAR_PACKAGE: 0x13,
  METHOD: 0x14,
  EXTERNAL: 0x15,
  LOCAL0: 0x60,
  ARG0: 0x68,
  STORE: 0x70,
  REF_OF: 0x71,
  ADD: 0x72,
  CONCAT: 0x73,
  SUBTRACT: 0x74,
  INCREMENT: 0x75,
  DECREMENT: 0x76,
  MULTIPLY: 0x77,
  DIVIDE: 0x78,
  SHIFT_LEFT: 0x79,
  SHIFT_RIGHT: 0x7a,
  AND: 0x7b,
  NAND: 0x7c,
  OR: 0x7d,
  NOR: 0x7e,
  XOR: 0x7f,
  NOT: 0x80,
  FIND_SET_LEFT_BIT: 0x81,
  FIND_SET_RIGHT_BIT: 0x82,
  DEREF_OF: 0x83,
  CONCAT_RES: 0x84,
  MOD: 0x85,
  NOTIFY: 0x86,
  SIZE_OF: 0x87,
  INDEX: 0x88,
  MATCH: 0x89,
  CREATE_DWORD_FIELD: 0x8a,
  CREATE_WORD_FIELD: 0x8b,
  CREATE_BYTE_FIELD: 0x8c,
  CREATE_BIT_FIELD: 0x8d,
  OBJECT_TYPE: 0x8e,
  CREATE_QWORD_FIELD: 0x8f,
  LAND: 0x90,
  LOR: 0x91,
  LNOT: 0x92,
  LEQUAL: 0x93,
  LGREATER: 0x94,
  LLESS: 0x95,
  TO_BUFFER: 0x96,
  TO_DECIMAL_STRING: 0x97,
  TO_HEX_STRING: 0x98,
  TO_INTEGER: 0x99,
  TO_STRING: 0x9c,
  COPY_OBJECT: 0x9d,
  MID: 0x9e,
  CONTINUE: 0x9f,
  IF: 0xa0,
  ELSE: 0xa1,
  WHILE: 0xa2,
  NOOP: 0xa3,
  RETURN: 0xa4,
  BREAK: 0xa5,
  BREAK_POINT: 0xcc,
  ONES: 0xff,
} as const;

/** Opcodes that follow EXT_OP_PREFIX. */
export const ExtOp = {
  MUTEX: 0x01,
  EVENT: 0x02,
  COND_REF_OF: 0x12,
  CREATE_FIELD: 0x13,
  LOAD_TABLE: 0x1f,
  LOAD: 0x20,
  STALL: 0x21,
  SLEEP: 0x22,
  ACQUIRE: 0x23,
  SIGNAL: 0x24,
  WAIT: 0x25,
  RESET: 0x26,
  RELEASE: 0x27,
  FROM_BCD: 0x28,
  TO_BCD: 0x29,
  REVISION: 0x30,
  DEBUG: 0x31,
  FATAL: 0x32,
  TIMER: 0x33,
  OP_REGION: 0x80,
  FIELD: 0x81,
  DEVICE: 0x82,
  PROCESSOR: 0x83,
  POWER_RES: 0x84,
  THERMAL_ZONE: 0x85,
  INDEX_FIELD: 0x86,
  BANK_FIELD: 0x87,
  DATA_REGION: 0x88,
} as const;

// ---------------------------------------------------------------------------
// The opcode table: one entry per opcode, shared by the decoder (src/aml/decode)
// and anything else that needs to know an opcode's shape. `op` is the opcode byte,
// or (EXT_OP_PREFIX << 8 | byte) for extended opcodes. `decode` lists the operands
// in encoding order (uACPI's UACPI_PARSE_OP_* idea, as data); `grammar` quotes the
// ACPI 6.5 §20.2 production. Name strings (§20.2.2) are not opcodes and are not here.

/**
 * What follows an opcode, in order:
 * - PkgLength: the package length; later lists run to the end of the package
 * - NameString: a name that is declared or referred to, never a method call
 * - ByteData/WordData/DWordData/QWordData: little-endian fixed-size data
 * - AsciiZ: a NUL-terminated ASCII string (String's body)
 * - TermArg: a value (expression, data, local, arg, or method call)
 * - SuperName: a place to read or write (SimpleName, Debug, RefOf/DerefOf/Index)
 * - Target: a SuperName or NullName (0x00: discard the result)
 * - SimpleName: NameString, Local or Arg
 * - TermList: statements up to the end of the package
 * - FieldList: field elements up to the end of the package
 * - ByteList: raw bytes up to the end of the package
 * - PackageElementList: package elements up to the end of the package
 */
export type OperandKind =
  | 'PkgLength' | 'NameString' | 'ByteData' | 'WordData' | 'DWordData' | 'QWordData' | 'AsciiZ'
  | 'TermArg' | 'SuperName' | 'Target' | 'SimpleName'
  | 'TermList' | 'FieldList' | 'ByteList' | 'PackageElementList';

/**
 * Where an opcode may stand. 'expression' and 'data' may be a TermArg; 'statement'
 * and 'named' only in a TermList; 'local', 'arg' and 'debug' are SuperNames;
 * 'prefix' is the Else that belongs to the If before it.
 */
export type OpcodeClass = 'data' | 'expression' | 'statement' | 'named' | 'local' | 'arg' | 'debug' | 'prefix';

export interface OpcodeInfo {
  readonly name: string;
  readonly op: number;
  readonly grammar: string;
  readonly decode: readonly OperandKind[];
  readonly class: OpcodeClass;
}

const ext = (b: number) => (EXT_OP_PREFIX << 8) | b;
const TT_T = ['TermArg', 'TermArg', 'Target'] as const;
const T_T = ['TermArg', 'Target'] as const;

/** Every AML opcode of ACPI 6.5 §20.3 (name-string prefixes excepted), in opcode order. */
export const OPCODES = [
  { name: 'Zero', op: Op.ZERO, class: 'data', decode: [], grammar: 'ZeroOp := 0x00' },
  { name: 'One', op: Op.ONE, class: 'data', decode: [], grammar: 'OneOp := 0x01' },
  { name: 'Alias', op: Op.ALIAS, class: 'named', decode: ['NameString', 'NameString'], grammar: 'DefAlias := AliasOp NameString NameString' },
  { name: 'Name', op: Op.NAME, class: 'named', decode: ['NameString', 'TermArg'], grammar: 'DefName := NameOp NameString DataRefObject' },
  { name: 'Byte', op: Op.BYTE_PREFIX, class: 'data', decode: ['ByteData'], grammar: 'ByteConst := BytePrefix ByteData' },
  { name: 'Word', op: Op.WORD_PREFIX, class: 'data', decode: ['WordData'], grammar: 'WordConst := WordPrefix WordData' },
  { name: 'DWord', op: Op.DWORD_PREFIX, class: 'data', decode: ['DWordData'], grammar: 'DWordConst := DWordPrefix DWordData' },
  { name: 'String', op: Op.STRING_PREFIX, class: 'data', decode: ['AsciiZ'], grammar: 'String := StringPrefix AsciiCharList NullChar' },
  { name: 'QWord', op: Op.QWORD_PREFIX, class: 'data', decode: ['QWordData'], grammar: 'QWordConst := QWordPrefix QWordData' },
  { name: 'Scope', op: Op.SCOPE, class: 'named', decode: ['PkgLength', 'NameString', 'TermList'], grammar: 'DefScope := ScopeOp PkgLength NameString TermList' },
  { name: 'Buffer', op: Op.BUFFER, class: 'data', decode: ['PkgLength', 'TermArg', 'ByteList'], grammar: 'DefBuffer := BufferOp PkgLength BufferSize ByteList' },
  { name: 'Package', op: Op.PACKAGE, class: 'data', decode: ['PkgLength', 'ByteData', 'PackageElementList'], grammar: 'DefPackage := PackageOp PkgLength NumElements PackageElementList' },
  { name: 'VarPackage', op: Op.VAR_PACKAGE, class: 'data', decode: ['PkgLength', 'TermArg', 'PackageElementList'], grammar: 'DefVarPackage := VarPackageOp PkgLength VarNumElements PackageElementList' },
  { name: 'Method', op: Op.METHOD, class: 'named', decode: ['PkgLength', 'NameString', 'ByteData', 'TermList'], grammar: 'DefMethod := MethodOp PkgLength NameString MethodFlags TermList' },
  { name: 'External', op: Op.EXTERNAL, class: 'named', decode: ['NameString', 'ByteData', 'ByteData'], grammar: 'DefExternal := ExternalOp NameString ObjectType ArgumentCount' },
  { name: 'Local0', op: Op.LOCAL0, class: 'local', decode: [], grammar: 'Local0Op := 0x60' },
  { name: 'Local1', op: Op.LOCAL0 + 1, class: 'local', decode: [], grammar: 'Local1Op := 0x61' },
  { name: 'Local2', op: Op.LOCAL0 + 2, class: 'local', decode: [], grammar: 'Local2Op := 0x62' },
  { name: 'Local3', op: Op.LOCAL0 + 3, class: 'local', decode: [], grammar: 'Local3Op := 0x63' },
  { name: 'Local4', op: Op.LOCAL0 + 4, class: 'local', decode: [], grammar: 'Local4Op := 0x64' },
  { name: 'Local5', op: Op.LOCAL0 + 5, class: 'local', decode: [], grammar: 'Local5Op := 0x65' },
  { name: 'Local6', op: Op.LOCAL0 + 6, class: 'local', decode: [], grammar: 'Local6Op := 0x66' },
  { name: 'Local7', op: Op.LOCAL0 + 7, class: 'local', decode: [], grammar: 'Local7Op := 0x67' },
  { name: 'Arg0', op: Op.ARG0, class: 'arg', decode: [], grammar: 'Arg0Op := 0x68' },
  { name: 'Arg1', op: Op.ARG0 + 1, class: 'arg', decode: [], grammar: 'Arg1Op := 0x69' },
  { name: 'Arg2', op: Op.ARG0 + 2, class: 'arg', decode: [], grammar: 'Arg2Op := 0x6A' },
  { name: 'Arg3', op: Op.ARG0 + 3, class: 'arg', decode: [], grammar: 'Arg3Op := 0x6B' },
  { name: 'Arg4', op: Op.ARG0 + 4, class: 'arg', decode: [], grammar: 'Arg4Op := 0x6C' },
  { name: 'Arg5', op: Op.ARG0 + 5, class: 'arg', decode: [], grammar: 'Arg5Op := 0x6D' },
  { name: 'Arg6', op: Op.ARG0 + 6, class: 'arg', decode: [], grammar: 'Arg6Op := 0x6E' },
  { name: 'Store', op: Op.STORE, class: 'expression', decode: ['TermArg', 'SuperName'], grammar: 'DefStore := StoreOp TermArg SuperName' },
  { name: 'RefOf', op: Op.REF_OF, class: 'expression', decode: ['SuperName'], grammar: 'DefRefOf := RefOfOp SuperName' },
  { name: 'Add', op: Op.ADD, class: 'expression', decode: TT_T, grammar: 'DefAdd := AddOp Operand Operand Target' },
  { name: 'Concatenate', op: Op.CONCAT, class: 'expression', decode: TT_T, grammar: 'DefConcat := ConcatOp Data Data Target' },
  { name: 'Subtract', op: Op.SUBTRACT, class: 'expression', decode: TT_T, grammar: 'DefSubtract := SubtractOp Operand Operand Target' },
  { name: 'Increment', op: Op.INCREMENT, class: 'expression', decode: ['SuperName'], grammar: 'DefIncrement := IncrementOp SuperName' },
  { name: 'Decrement', op: Op.DECREMENT, class: 'expression', decode: ['SuperName'], grammar: 'DefDecrement := DecrementOp SuperName' },
  { name: 'Multiply', op: Op.MULTIPLY, class: 'expression', decode: TT_T, grammar: 'DefMultiply := MultiplyOp Operand Operand Target' },
  { name: 'Divide', op: Op.DIVIDE, class: 'expression', decode: ['TermArg', 'TermArg', 'Target', 'Target'], grammar: 'DefDivide := DivideOp Dividend Divisor Remainder Quotient' },
  { name: 'ShiftLeft', op: Op.SHIFT_LEFT, class: 'expression', decode: TT_T, grammar: 'DefShiftLeft := ShiftLeftOp Operand ShiftCount Target' },
  { name: 'ShiftRight', op: Op.SHIFT_RIGHT, class: 'expression', decode: TT_T, grammar: 'DefShiftRight := ShiftRightOp Operand ShiftCount Target' },
  { name: 'And', op: Op.AND, class: 'expression', decode: TT_T, grammar: 'DefAnd := AndOp Operand Operand Target' },
  { name: 'NAnd', op: Op.NAND, class: 'expression', decode: TT_T, grammar: 'DefNAnd := NandOp Operand Operand Target' },
  { name: 'Or', op: Op.OR, class: 'expression', decode: TT_T, grammar: 'DefOr := OrOp Operand Operand Target' },
  { name: 'NOr', op: Op.NOR, class: 'expression', decode: TT_T, grammar: 'DefNOr := NorOp Operand Operand Target' },
  { name: 'XOr', op: Op.XOR, class: 'expression', decode: TT_T, grammar: 'DefXOr := XorOp Operand Operand Target' },
  { name: 'Not', op: Op.NOT, class: 'expression', decode: T_T, grammar: 'DefNot := NotOp Operand Target' },
  { name: 'FindSetLeftBit', op: Op.FIND_SET_LEFT_BIT, class: 'expression', decode: T_T, grammar: 'DefFindSetLeftBit := FindSetLeftBitOp Operand Target' },
  { name: 'FindSetRightBit', op: Op.FIND_SET_RIGHT_BIT, class: 'expression', decode: T_T, grammar: 'DefFindSetRightBit := FindSetRightBitOp Operand Target' },
  { name: 'DerefOf', op: Op.DEREF_OF, class: 'expression', decode: ['TermArg'], grammar: 'DefDerefOf := DerefOfOp ObjReference' },
  { name: 'ConcatenateResTemplate', op: Op.CONCAT_RES, class: 'expression', decode: TT_T, grammar: 'DefConcatRes := ConcatResOp BufData BufData Target' },
  { name: 'Mod', op: Op.MOD, class: 'expression', decode: TT_T, grammar: 'DefMod := ModOp Dividend Divisor Target' },
  { name: 'Notify', op: Op.NOTIFY, class: 'statement', decode: ['SuperName', 'TermArg'], grammar: 'DefNotify := NotifyOp NotifyObject NotifyValue' },
  { name: 'SizeOf', op: Op.SIZE_OF, class: 'expression', decode: ['SuperName'], grammar: 'DefSizeOf := SizeOfOp SuperName' },
  { name: 'Index', op: Op.INDEX, class: 'expression', decode: TT_T, grammar: 'DefIndex := IndexOp BuffPkgStrObj IndexValue Target' },
  { name: 'Match', op: Op.MATCH, class: 'expression', decode: ['TermArg', 'ByteData', 'TermArg', 'ByteData', 'TermArg', 'TermArg'], grammar: 'DefMatch := MatchOp SearchPkg MatchOpcode Operand MatchOpcode Operand StartIndex' },
  { name: 'CreateDWordField', op: Op.CREATE_DWORD_FIELD, class: 'named', decode: ['TermArg', 'TermArg', 'NameString'], grammar: 'DefCreateDWordField := CreateDWordFieldOp SourceBuff ByteIndex NameString' },
  { name: 'CreateWordField', op: Op.CREATE_WORD_FIELD, class: 'named', decode: ['TermArg', 'TermArg', 'NameString'], grammar: 'DefCreateWordField := CreateWordFieldOp SourceBuff ByteIndex NameString' },
  { name: 'CreateByteField', op: Op.CREATE_BYTE_FIELD, class: 'named', decode: ['TermArg', 'TermArg', 'NameString'], grammar: 'DefCreateByteField := CreateByteFieldOp SourceBuff ByteIndex NameString' },
  { name: 'CreateBitField', op: Op.CREATE_BIT_FIELD, class: 'named', decode: ['TermArg', 'TermArg', 'NameString'], grammar: 'DefCreateBitField := CreateBitFieldOp SourceBuff BitIndex NameString' },
  { name: 'ObjectType', op: Op.OBJECT_TYPE, class: 'expression', decode: ['SuperName'], grammar: 'DefObjectType := ObjectTypeOp <SimpleName | DebugObj | DefRefOf | DefDerefOf | DefIndex>' },
  { name: 'CreateQWordField', op: Op.CREATE_QWORD_FIELD, class: 'named', decode: ['TermArg', 'TermArg', 'NameString'], grammar: 'DefCreateQWordField := CreateQWordFieldOp SourceBuff ByteIndex NameString' },
  { name: 'LAnd', op: Op.LAND, class: 'expression', decode: ['TermArg', 'TermArg'], grammar: 'DefLAnd := LandOp Operand Operand' },
  { name: 'LOr', op: Op.LOR, class: 'expression', decode: ['TermArg', 'TermArg'], grammar: 'DefLOr := LorOp Operand Operand' },
  { name: 'LNot', op: Op.LNOT, class: 'expression', decode: ['TermArg'], grammar: 'DefLNot := LnotOp Operand' },
  { name: 'LEqual', op: Op.LEQUAL, class: 'expression', decode: ['TermArg', 'TermArg'], grammar: 'DefLEqual := LequalOp Operand Operand' },
  { name: 'LGreater', op: Op.LGREATER, class: 'expression', decode: ['TermArg', 'TermArg'], grammar: 'DefLGreater := LgreaterOp Operand Operand' },
  { name: 'LLess', op: Op.LLESS, class: 'expression', decode: ['TermArg', 'TermArg'], grammar: 'DefLLess := LlessOp Operand Operand' },
  { name: 'ToBuffer', op: Op.TO_BUFFER, class: 'expression', decode: T_T, grammar: 'DefToBuffer := ToBufferOp Operand Target' },
  { name: 'ToDecimalString', op: Op.TO_DECIMAL_STRING, class: 'expression', decode: T_T, grammar: 'DefToDecimalString := ToDecimalStringOp Operand Target' },
  { name: 'ToHexString', op: Op.TO_HEX_STRING, class: 'expression', decode: T_T, grammar: 'DefToHexString := ToHexStringOp Operand Target' },
  { name: 'ToInteger', op: Op.TO_INTEGER, class: 'expression', decode: T_T, grammar: 'DefToInteger := ToIntegerOp Operand Target' },
  { name: 'ToString', op: Op.TO_STRING, class: 'expression', decode: TT_T, grammar: 'DefToString := ToStringOp TermArg LengthArg Target' },
  { name: 'CopyObject', op: Op.COPY_OBJECT, class: 'expression', decode: ['TermArg', 'SimpleName'], grammar: 'DefCopyObject := CopyObjectOp TermArg SimpleName' },
  { name: 'Mid', op: Op.MID, class: 'expression', decode: ['TermArg', 'TermArg', 'TermArg', 'Target'], grammar: 'DefMid := MidOp MidObj TermArg TermArg Target' },
  { name: 'Continue', op: Op.CONTINUE, class: 'statement', decode: [], grammar: 'DefContinue := ContinueOp' },
  { name: 'If', op: Op.IF, class: 'statement', decode: ['PkgLength', 'TermArg', 'TermList'], grammar: 'DefIfElse := IfOp PkgLength Predicate TermList DefElse' },
  { name: 'Else', op: Op.ELSE, class: 'prefix', decode: ['PkgLength', 'TermList'], grammar: 'DefElse := Nothing | <ElseOp PkgLength TermList>' },
  { name: 'While', op: Op.WHILE, class: 'statement', decode: ['PkgLength', 'TermArg', 'TermList'], grammar: 'DefWhile := WhileOp PkgLength Predicate TermList' },
  { name: 'Noop', op: Op.NOOP, class: 'statement', decode: [], grammar: 'DefNoop := NoopOp' },
  { name: 'Return', op: Op.RETURN, class: 'statement', decode: ['TermArg'], grammar: 'DefReturn := ReturnOp ArgObject' },
  { name: 'Break', op: Op.BREAK, class: 'statement', decode: [], grammar: 'DefBreak := BreakOp' },
  { name: 'BreakPoint', op: Op.BREAK_POINT, class: 'statement', decode: [], grammar: 'DefBreakPoint := BreakPointOp' },
  { name: 'Ones', op: Op.ONES, class: 'data', decode: [], grammar: 'OnesOp := 0xFF' },
  { name: 'Mutex', op: ext(ExtOp.MUTEX), class: 'named', decode: ['NameString', 'ByteData'], grammar: 'DefMutex := MutexOp NameString SyncFlags' },
  { name: 'Event', op: ext(ExtOp.EVENT), class: 'named', decode: ['NameString'], grammar: 'DefEvent := EventOp NameString' },
  { name: 'CondRefOf', op: ext(ExtOp.COND_REF_OF), class: 'expression', decode: ['SuperName', 'Target'], grammar: 'DefCondRefOf := CondRefOfOp SuperName Target' },
  { name: 'CreateField', op: ext(ExtOp.CREATE_FIELD), class: 'named', decode: ['TermArg', 'TermArg', 'TermArg', 'NameString'], grammar: 'DefCreateField := CreateFieldOp SourceBuff BitIndex NumBits NameString' },
  { name: 'LoadTable', op: ext(ExtOp.LOAD_TABLE), class: 'expression', decode: ['TermArg', 'TermArg', 'TermArg', 'TermArg', 'TermArg', 'TermArg'], grammar: 'DefLoadTable := LoadTableOp TermArg TermArg TermArg TermArg TermArg TermArg' },
  { name: 'Load', op: ext(ExtOp.LOAD), class: 'expression', decode: ['NameString', 'SuperName'], grammar: 'DefLoad := LoadOp NameString DDBHandleObject' },
  { name: 'Stall', op: ext(ExtOp.STALL), class: 'statement', decode: ['TermArg'], grammar: 'DefStall := StallOp UsecTime' },
  { name: 'Sleep', op: ext(ExtOp.SLEEP), class: 'statement', decode: ['TermArg'], grammar: 'DefSleep := SleepOp MsecTime' },
  { name: 'Acquire', op: ext(ExtOp.ACQUIRE), class: 'expression', decode: ['SuperName', 'WordData'], grammar: 'DefAcquire := AcquireOp MutexObject Timeout' },
  { name: 'Signal', op: ext(ExtOp.SIGNAL), class: 'statement', decode: ['SuperName'], grammar: 'DefSignal := SignalOp EventObject' },
  { name: 'Wait', op: ext(ExtOp.WAIT), class: 'expression', decode: ['SuperName', 'TermArg'], grammar: 'DefWait := WaitOp EventObject Operand' },
  { name: 'Reset', op: ext(ExtOp.RESET), class: 'statement', decode: ['SuperName'], grammar: 'DefReset := ResetOp EventObject' },
  { name: 'Release', op: ext(ExtOp.RELEASE), class: 'statement', decode: ['SuperName'], grammar: 'DefRelease := ReleaseOp MutexObject' },
  { name: 'FromBCD', op: ext(ExtOp.FROM_BCD), class: 'expression', decode: T_T, grammar: 'DefFromBCD := FromBCDOp BCDValue Target' },
  { name: 'ToBCD', op: ext(ExtOp.TO_BCD), class: 'expression', decode: T_T, grammar: 'DefToBCD := ToBCDOp Operand Target' },
  { name: 'Unload', op: ext(0x2a), class: 'statement', decode: ['SuperName'], grammar: 'DefUnload := UnloadOp DDBHandleObject' },
  { name: 'Revision', op: ext(ExtOp.REVISION), class: 'data', decode: [], grammar: 'RevisionOp := ExtOpPrefix 0x30' },
  { name: 'Debug', op: ext(ExtOp.DEBUG), class: 'debug', decode: [], grammar: 'DebugObj := ExtOpPrefix 0x31' },
  { name: 'Fatal', op: ext(ExtOp.FATAL), class: 'statement', decode: ['ByteData', 'DWordData', 'TermArg'], grammar: 'DefFatal := FatalOp FatalType FatalCode FatalArg' },
  { name: 'Timer', op: ext(ExtOp.TIMER), class: 'expression', decode: [], grammar: 'DefTimer := TimerOp' },
  { name: 'OperationRegion', op: ext(ExtOp.OP_REGION), class: 'named', decode: ['NameString', 'ByteData', 'TermArg', 'TermArg'], grammar: 'DefOpRegion := OpRegionOp NameString RegionSpace RegionOffset RegionLen' },
  { name: 'Field', op: ext(ExtOp.FIELD), class: 'named', decode: ['PkgLength', 'NameString', 'ByteData', 'FieldList'], grammar: 'DefField := FieldOp PkgLength NameString FieldFlags FieldList' },
  { name: 'Device', op: ext(ExtOp.DEVICE), class: 'named', decode: ['PkgLength', 'NameString', 'TermList'], grammar: 'DefDevice := DeviceOp PkgLength NameString TermList' },
  { name: 'Processor', op: ext(ExtOp.PROCESSOR), class: 'named', decode: ['PkgLength', 'NameString', 'ByteData', 'DWordData', 'ByteData', 'TermList'], grammar: 'DefProcessor := ProcessorOp PkgLength NameString ProcID PblkAddr PblkLen TermList' },
  { name: 'PowerResource', op: ext(ExtOp.POWER_RES), class: 'named', decode: ['PkgLength', 'NameString', 'ByteData', 'WordData', 'TermList'], grammar: 'DefPowerRes := PowerResOp PkgLength NameString SystemLevel ResourceOrder TermList' },
  { name: 'ThermalZone', op: ext(ExtOp.THERMAL_ZONE), class: 'named', decode: ['PkgLength', 'NameString', 'TermList'], grammar: 'DefThermalZone := ThermalZoneOp PkgLength NameString TermList' },
  { name: 'IndexField', op: ext(ExtOp.INDEX_FIELD), class: 'named', decode: ['PkgLength', 'NameString', 'NameString', 'ByteData', 'FieldList'], grammar: 'DefIndexField := IndexFieldOp PkgLength NameString NameString FieldFlags FieldList' },
  { name: 'BankField', op: ext(ExtOp.BANK_FIELD), class: 'named', decode: ['PkgLength', 'NameString', 'NameString', 'TermArg', 'ByteData', 'FieldList'], grammar: 'DefBankField := BankFieldOp PkgLength NameString NameString BankValue FieldFlags FieldList' },
  { name: 'DataTableRegion', op: ext(ExtOp.DATA_REGION), class: 'named', decode: ['NameString', 'TermArg', 'TermArg', 'TermArg'], grammar: 'DefDataRegion := DataRegionOp NameString TermArg TermArg TermArg' },
] as const satisfies readonly OpcodeInfo[];

/** An opcode's name, as in the table ('Add', 'CreateDWordField', 'If', ...). */
export type OpName = (typeof OPCODES)[number]['name'];

/** Opcode → table entry; extended opcodes at (EXT_OP_PREFIX << 8 | byte). */
export const OPCODE_BY_VALUE: ReadonlyMap<number, OpcodeInfo & { readonly name: OpName }> = new Map(
  OPCODES.map((o) => [o.op, o] as const),
);
