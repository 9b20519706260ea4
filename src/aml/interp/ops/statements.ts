// Every opcode that only acts (control flow, declarations, Notify, Release...):
// the compiler's dispatch table for statements. Expressions in statement position
// go through EXPRESSIONS with their value dropped.
import type { OpName, OpTerm } from '../../decode/index.ts';
import type { Compiler, Exec } from '../compile.ts';
import { CONTROL } from './control.ts';
import { NAMED } from './named.ts';
import { SYNC_STATEMENTS } from './sync.ts';
import { TABLE_STATEMENTS } from './table.ts';

export const STATEMENTS: Partial<Record<OpName, (c: Compiler, o: OpTerm) => Exec>> = {
  ...CONTROL, ...NAMED, ...SYNC_STATEMENTS, ...TABLE_STATEMENTS,
};
