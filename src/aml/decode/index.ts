// Public API of the AML decoder: table bytes → header and Term trees. Pure: it
// touches no namespace; the interpreter (src/aml/interp) gives it a lookup for
// the methods already loaded, and builds objects from the terms.
import type { DefinitionBlock } from './ast.ts';
import { Declarations, type ExternalLookup } from './declarations.ts';
import { Decoder } from './decoder.ts';
import { AmlError, decodeError } from './errors.ts';
import { isDefinitionBlock, readTableHeader, TABLE_HEADER_LENGTH } from './table.ts';

export { AmlError, decodeError, type AmlErrorCode, type AmlErrorDetails } from './errors.ts';
export {
  type Term, type OpTerm, type Operand, type FieldElement, type MethodBody, type TableHeader, type DefinitionBlock,
  operandTerm, operandName, operandNum, operandTerms, operandFields, operandBytes, operandBody, elseTerms,
} from './ast.ts';
export {
  type NameString, readNameString, formatNameString, displayPath, trimSeg, parsePath, absoluteSegs, isSearchable,
} from './name-string.ts';
export { type ExternalLookup, NOT_A_METHOD } from './declarations.ts';
export { readTableHeader, isDefinitionBlock, splitTables, TABLE_HEADER_LENGTH, MAX_TABLES_PER_FILE } from './table.ts';
export { MAX_NESTING } from './decoder.ts';
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
    const header = readTableHeader(bytes);
    if (!isDefinitionBlock(header.signature)) {
      throw decodeError(0, `"${header.signature}" is not a definition block (DSDT or SSDT)`);
    }
    const decoder = new Decoder(bytes, new Declarations(options.lookup));
    const terms = decoder.termList(TABLE_HEADER_LENGTH, header.length, []);
    decoder.decodeDeferred();
    return { header, terms };
  } catch (e) {
    if (e instanceof AmlError) throw e;
    // Only a bug (or the host running out of stack) lands here: still an AmlError.
    throw new AmlError('decode-error', `decoder failure: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}
