// Public API of the AML decoder: table bytes → header and Term trees. Pure: it
// touches no namespace; the interpreter (src/aml/interp) gives it a lookup for
// the methods already loaded, and builds objects from the terms.
import type { DefinitionBlock, Statements, TableHeader } from './ast.ts';
import { Declarations, type ExternalLookup } from './declarations.ts';
import { Decoder } from './decoder.ts';
import { asDecodeError, decodeError } from './errors.ts';
import { isDefinitionBlock, readTableHeader, TABLE_HEADER_LENGTH } from './table.ts';

export { AmlError, decodeError, type AmlErrorCode, type AmlErrorDetails } from './errors.ts';
export {
  type Term, type OpTerm, type Operand, type FieldElement, type MethodBody, type BodyDecoder, type TableHeader, type DefinitionBlock,
  operandTerm, operandName, operandNum, operandTerms, operandList, operandFields, operandBytes, operandBody, elseTerms, deferredTerms, listTerms, statementsOf, type Statements,
} from './ast.ts';
export {
  type NameString, readNameString, formatNameString, displayPath, trimSeg, parsePath, absoluteSegs, isSearchable,
} from './name-string.ts';
export { type ExternalLookup, NOT_A_METHOD } from './declarations.ts';
export { readTableHeader, isDefinitionBlock, splitTables, TABLE_HEADER_LENGTH, MAX_TABLES_PER_FILE } from './table.ts';
export { MAX_NESTING, SCOPES } from './decoder.ts';
export { IF_CHAIN_MIN, loneNotifyOf, type LoneNotify } from './if-chain-run.ts';
export type { OpName } from '../opcodes.ts';

export interface DecodeOptions {
  /** Methods already in the namespace (from tables loaded before), by absolute path. */
  readonly lookup?: ExternalLookup;
}

/**
 * Decodes a DSDT/SSDT (with its 36-byte header) into Term trees, method bodies
 * included. Guarantees: it throws nothing but AmlError ('decode-error', with the
 * table offset of the bad bytes), never reads outside the table's Length, and
 * its recursion is bounded by MAX_NESTING whatever the input.
 */
export function decodeDefinitionBlock(bytes: Uint8Array, options: DecodeOptions = {}): DefinitionBlock {
  try {
    const { header, decoder } = open(bytes, options.lookup, false);
    const terms = decoder.termList(TABLE_HEADER_LENGTH, header.length, []);
    decoder.decodeDeferred();
    return { header, terms };
  } catch (e) {
    throw asDecodeError(e);
  }
}

/**
 * A definition block for a loader that runs it as it reads it, as ACPICA's does:
 * the top-level statements are decoded one at a time (statements.next()), the
 * bodies of scope-like objects (Scope, Device, Processor, PowerResource,
 * ThermalZone) are left as byte ranges for statementsOf() when the loader enters
 * them, and method bodies for deferredTerms() when they first run. A call is
 * told from a name by what the lookup's namespace holds when it is decoded, and
 * by what the statement or body being decoded declares before it: module-level
 * code that calls a method declared further on reads the name as a reference,
 * as in ACPICA. The same guarantees as decodeDefinitionBlock, each time bytes are read.
 */
export function openDefinitionBlock(bytes: Uint8Array, lookup: ExternalLookup): { header: TableHeader; statements: Statements } {
  try {
    const { header, decoder } = open(bytes, lookup, true);
    return { header, statements: decoder.statements(TABLE_HEADER_LENGTH, header.length, [], 0) };
  } catch (e) {
    throw asDecodeError(e);
  }
}

function open(bytes: Uint8Array, lookup: ExternalLookup | undefined, lazy: boolean): { header: TableHeader; decoder: Decoder } {
  const header = readTableHeader(bytes);
  if (!isDefinitionBlock(header.signature)) {
    throw decodeError(0, `"${header.signature}" is not a definition block (DSDT or SSDT)`);
  }
  // A plain view: a Node Buffer's slice() would share its bytes (ByteList copies must not).
  const plain = new Uint8Array(bytes.buffer, bytes.byteOffset, header.length);
  return { header, decoder: new Decoder(plain, new Declarations(lookup), lazy) };
}
