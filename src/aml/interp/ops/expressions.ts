// Every opcode that yields a value, by name: the compiler's dispatch table for TermArgs.
import type { OpName, OpTerm } from '../../decode/index.ts';
import type { Compiler, Eval } from '../compile.ts';
import { ARITH } from './arith.ts';
import { DATA } from './data.ts';
import { LOGIC } from './logic.ts';
import { REF } from './ref.ts';
import { SYNC_EXPRESSIONS } from './sync.ts';
import { TABLE_EXPRESSIONS } from './table.ts';

export const EXPRESSIONS: Partial<Record<OpName, (c: Compiler, o: OpTerm) => Eval>> = {
  ...ARITH, ...LOGIC, ...DATA, ...REF, ...SYNC_EXPRESSIONS, ...TABLE_EXPRESSIONS,
};
