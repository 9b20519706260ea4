// Commands that preset or read register bytes through register-helper.aml (see
// the .asl beside it for why every helper region ends at the block's end). The
// same commands run on both sides, so presets show up in both traces alike.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { int, type Command, type RegionSpace } from './aml-trace.ts';

export const REGISTER_HELPER_ASL = fileURLToPath(new URL('./register-helper.asl', import.meta.url));
export const REGISTER_HELPER_AML = fileURLToPath(new URL('./register-helper.aml', import.meta.url));

/** The committed helper SSDT (compiled by scripts/compile-aml-cases.ts). */
export function loadRegisterHelper(): Uint8Array {
  return new Uint8Array(readFileSync(REGISTER_HELPER_AML));
}

/** A register block as the DSDT declares it: OperationRegion (X, space, base, length). */
export interface RegisterBlock {
  readonly space: RegionSpace;
  readonly base: bigint | number;
  readonly length: number;
}

const prefix = (b: RegisterBlock) => (b.space === 'SystemIO' ? 'IO' : 'MM');

function helperCall(block: RegisterBlock, op: 'WB' | 'WD' | 'RB' | 'RD', offset: number, value?: bigint | number): Command {
  const size = op.endsWith('B') ? 1 : 4;
  if (!Number.isInteger(offset) || offset < 0 || offset + size > block.length) {
    throw new RangeError(`offset ${offset} (+${size}) is outside the ${block.length}-byte block`);
  }
  const args = [int(block.base), int(block.length), int(offset)];
  return { path: `\\${prefix(block)}${op}`, args: value === undefined ? args : [...args, int(value)] };
}

/** Write one byte of the block. */
export const pokeByte = (block: RegisterBlock, offset: number, value: bigint | number): Command =>
  helperCall(block, 'WB', offset, value);
/** Write one little-endian dword of the block. */
export const pokeDword = (block: RegisterBlock, offset: number, value: bigint | number): Command =>
  helperCall(block, 'WD', offset, value);
/** Read one byte of the block (the command's result). */
export const peekByte = (block: RegisterBlock, offset: number): Command => helperCall(block, 'RB', offset);
/** Read one dword of the block (the command's result). */
export const peekDword = (block: RegisterBlock, offset: number): Command => helperCall(block, 'RD', offset);
