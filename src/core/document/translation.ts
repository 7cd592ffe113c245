/**
 * A document written in another language (CloudFormation YAML, Terraform)
 * read as JSON text with a map back to the document: the policy code reads the
 * JSON, and what it reports is put back on the document's characters.
 */
import type { Node } from 'jsonc-parser';
import type { TextEdit } from '../types';

export interface Translation {
  /** The JSON text the policy code reads. */
  text: string;
  /** Its parse tree (offsets into `text`). */
  root: Node | undefined;
  /** An offset in `text` -> the offset of the document character it was written from (monotonic). */
  toDocument(offset: number): number;
  /** A fix's edits on `text` as edits of the document, or undefined when they cannot be written there safely (the fix is then not offered). */
  mapEdits(edits: readonly TextEdit[]): TextEdit[] | undefined;
}
