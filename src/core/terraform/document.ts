/**
 * Which texts are Terraform, and what KMS Lens reads in them: their policies,
 * their `aws_kms_grant` resources, and `aws_kms_key` resources that ask for a
 * rotation their key cannot have (terraform/keys.ts). A module with none of
 * these is not ours (no finding). Before the parser has loaded (terraform/parser.ts) a Terraform
 * text cannot be read: the model says so, and the adapters analyse it again
 * once `prepareTerraform` has finished.
 */
import type { DocumentHints } from '../types';
import { doubleEncodedPolicies, type DoubleEncoding } from './doubleEncoded';
import { isGrantBlock, terraformGrants, type TerraformGrant } from './grants';
import { isKeyBlock, terraformUnrotatableKeys, type TerraformUnrotatableKey } from './keys';
import { terraformParser } from './parser';
import { readSyntax } from './syntax';
import { policyBlock, readPolicies, type TerraformPolicy } from './translate';

export function isTerraformDocument(hints: DocumentHints): boolean {
  return hints.languageId === 'terraform' || /\.tf$/i.test(hints.fileName ?? '');
}

/** What a module holds for KMS Lens. */
export interface TerraformContent {
  policies: TerraformPolicy[];
  grants: TerraformGrant[];
  /** Policy arguments that `jsonencode` encodes a second time. */
  doubleEncoded: DoubleEncoding[];
  /** `aws_kms_key` resources with `enable_key_rotation = true` on a key that cannot rotate. */
  unrotatableKeys: TerraformUnrotatableKey[];
}

const NOTHING: TerraformContent = { policies: [], grants: [], doubleEncoded: [], unrotatableKeys: [] };

/** The module's policies and grants; undefined while the parser is not loaded. */
export function readTerraform(text: string): TerraformContent | undefined {
  const parser = terraformParser();
  if (!parser) return undefined;
  // Nothing to read in a module that names no policy and no grant (most of them): no parse.
  // (`policy`, `assume_role_policy`, `access_policies`, `aws_organizations_policy`, `aws_iam_policy_document`, `aws_kms_grant`, `enable_key_rotation`...)
  if (!/polic(?:y|ies)|aws_kms_grant|enable_key_rotation/.test(text)) return NOTHING;
  const tree = parser.parse(text);
  if (!tree) return NOTHING;
  try {
    const root = readSyntax(text, tree, (type, labels) => policyBlock(type, labels) || isGrantBlock(type, labels) || isKeyBlock(type, labels));
    return {
      policies: attempt(() => readPolicies(text, root)),
      grants: attempt(() => terraformGrants(text, root)),
      doubleEncoded: attempt(() => doubleEncodedPolicies(text, root)),
      unrotatableKeys: attempt(() => terraformUnrotatableKeys(text, root)),
    };
  } catch {
    return NOTHING;
  } finally {
    tree.delete();
  }
}

/** A shape a reader did not expect: that part of the module is not analysed, rather than an error in the editor. */
function attempt<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch {
    return [];
  }
}
