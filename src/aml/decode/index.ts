// Public API of the AML decoder: table bytes → header and Term trees. Pure: it
// touches no namespace; the interpreter (src/aml/interp) gives it a lookup for
// the methods already loaded, and builds objects from the terms.
import type { DefinitionBlock } from './ast.ts';
import { Declarations, type ExternalLookup } from './declarations.ts';
import { Decoder } from './decoder.ts';
import { asDecodeError, decodeError } from './errors.ts';
import { isDefinitionBlock, readTableHeader, TABLE_HEADER_LENGTH } from './table.ts';

export { AmlError, decodeError, type AmlErrorCode, type AmlErrorDetails } from './errors.ts';
export {
  type Term, type OpTerm, type Operand, type FieldElement, type MethodBody, type BodyDecoder, type TableHeader, type DefinitionBlock,
  operandTerm, operandName, operandNum, operandTerms, operandFields, operandBytes, operandBody, elseTerms, deferredTerms,
} from './ast.ts';
export {
  type NameString, readNameString, formatNameString, displayPath, trimSeg, parsePath, absoluteSegs, isSearchable,
} from './name-string.ts';
export { type ExternalLookup, NOT_A_METHOD } from './declarations.ts';
export { readTableHeader, isDefinitionBlock, splitTables, TABLE_HEADER_LENGTH, MAX_TABLES_PER_FILE } from './table.ts';
export { MAX_NESTING } from './decoder.ts';
export type { OpName } from '../opcodes.ts';

export interface DecodeOptions {
  /** Methods already in the namespace (from tables loaded before), by absolute path; asked again when a lazy body is decoded. */
  readonly lookup?: ExternalLookup;
  /**
   * Leave the TermLists of methods and of scope-like objects (Scope, Device,
   * Processor, PowerResource, ThermalZone) undecoded until deferredTerms() (or
   * operandTerms()) asks for one, as ACPICA's loader parses a table while it runs
   * it: a loader can then run the table in bounded steps, decoding each scope as
   * it enters it and each method when it first runs, and keeps no tree of what it
   * has run. What a list's calls decode to is decided by the declarations seen up
   * to then (this table's, and the lookup's namespace), so module-level code that
   * calls a method declared further on reads the name as a reference, as in ACPICA.
   */
  readonly lazyBodies?: boolean;
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
    // A plain view: a Node Buffer's slice() would share its bytes (ByteList copies must not).
    const plain = new Uint8Array(bytes.buffer, bytes.byteOffset, header.length);
    const decoder = new Decoder(plain, new Declarations(options.lookup), options.lazyBodies ?? false);
    const terms = decoder.termList(TABLE_HEADER_LENGTH, header.length, []);
    decoder.decodeDeferred();
    return options.lazyBodies ? { header, terms, settle: () => decoder.decls.settle() } : { header, terms };
  } catch (e) {
    throw asDecodeError(e);
  }
}
