/**
 * Which texts are Terraform, and their policies. A module with no policy KMS
 * Lens analyses is not ours (no finding). Before the parser has loaded
 * (terraform/parser.ts) a Terraform text cannot be read: the model says so,
 * and the adapters analyse it again once `prepareTerraform` has finished.
 */
import type { DocumentHints } from '../types';
import { terraformParser } from './parser';
import { terraformPolicies, type TerraformPolicy } from './translate';

export function isTerraformDocument(hints: DocumentHints): boolean {
  return hints.languageId === 'terraform' || /\.tf$/i.test(hints.fileName ?? '');
}

/** The module's policies; undefined while the parser is not loaded. */
export function readTerraform(text: string): TerraformPolicy[] | undefined {
  const parser = terraformParser();
  if (!parser) return undefined;
  // Nothing to read in a module that names no policy (most of them): no parse.
  // (`policy`, `assume_role_policy`, `access_policies`, `aws_organizations_policy`, `aws_iam_policy_document`...)
  if (!/polic(?:y|ies)/.test(text)) return [];
  const tree = parser.parse(text);
  if (!tree) return [];
  try {
    return terraformPolicies(text, tree);
  } catch {
    // A shape the reader did not expect: the module is not analysed rather than an error in the editor.
    return [];
  } finally {
    tree.delete();
  }
}
