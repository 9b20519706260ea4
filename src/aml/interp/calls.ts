// The calls a Runtime makes back up into the interpreter (runtime.ts RuntimeCalls):
// the one file that imports the invoker, the loader and _REG for the files below them.
import { callNode, invoke } from './invoke.ts';
import { loadTable, unloadTable } from './loader.ts';
import { runRegMethods } from './reg.ts';
import type { RuntimeCalls } from './runtime.ts';

export const RUNTIME_CALLS: RuntimeCalls = { call: callNode, invoke, loadTable, unloadTable, runRegMethods };
