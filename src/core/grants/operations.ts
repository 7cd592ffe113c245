/**
 * What the CreateGrant facts KMS Lens already holds say about a grant's
 * operations, for the grants Terraform declares (grants/rules/): which names
 * are grant operations (data/kmsFacts.ts, from the KMS API model), which of
 * them take an encryption context (the operation table of
 * cloudtrail/data/kmsOperations.ts), and which constraints exclude each other
 * (its EXCLUSIVE_PARAMS).
 */
import { GRANT_OPERATIONS } from '../data/kmsFacts';
import { EXCLUSIVE_PARAMS, KMS_OPERATION_BY_NAME } from '../cloudtrail/data/kmsOperations';
import { nearest } from '../text/suggest';

const GRANT_OPERATION_SET: ReadonlySet<string> = new Set(GRANT_OPERATIONS);

export function isGrantOperation(name: string): boolean {
  return GRANT_OPERATION_SET.has(name);
}

/**
 * The grant operations a name may have meant: the same name without `kms:` or
 * in another case (`kms:Decrypt`, `decrypt`), else the nearest names (`Decrpyt`).
 */
export function grantOperationSuggestions(name: string): string[] {
  const bare = name.replace(/^kms:/i, '');
  const same = GRANT_OPERATIONS.filter((op) => op.toLowerCase() === bare.toLowerCase());
  return same.length > 0 ? same : nearest(bare, GRANT_OPERATIONS, 3);
}

/** ReEncryptFrom and ReEncryptTo are the two halves of ReEncrypt. */
function apiOperation(grantOperation: string): string {
  return grantOperation.startsWith('ReEncrypt') ? 'ReEncrypt' : grantOperation;
}

/** Does the operation's request take an encryption context (`EncryptionContext`, or ReEncrypt's source and destination ones)? */
export function takesEncryptionContext(grantOperation: string): boolean {
  const op = KMS_OPERATION_BY_NAME.get(apiOperation(grantOperation));
  return op !== undefined && op.request.some((p) => /encryptionContext$/i.test(p));
}

/**
 * Operations a grant with an encryption context constraint may still allow (KMS API Reference, CreateGrant,
 * `Constraints`): the constraint does not apply to DescribeKey and RetireGrant, and on CreateGrant it requires
 * the grants created to be as strict.
 */
const CONSTRAINT_NEUTRAL: ReadonlySet<string> = new Set(['DescribeKey', 'RetireGrant', 'CreateGrant']);

/**
 * Grant operations an encryption context constraint cannot be used with: the cryptographic operations of
 * asymmetric and HMAC keys (Sign, Verify, GenerateMac, ...), whose requests take no encryption context.
 */
export function excludesContextConstraint(grantOperation: string): boolean {
  return isGrantOperation(grantOperation) && !CONSTRAINT_NEUTRAL.has(grantOperation) && !takesEncryptionContext(grantOperation);
}

/** The two constraints of which a grant may have only one, by their CreateGrant names (`encryptionContextSubset`, `encryptionContextEquals`). */
export const EXCLUSIVE_CONSTRAINTS: readonly [string, string] = (() => {
  const entry = EXCLUSIVE_PARAMS.find((x) => x.ops.includes('CreateGrant') && x.path.join('.') === 'constraints');
  if (!entry) throw new Error('EXCLUSIVE_PARAMS has no CreateGrant constraints entry');
  return entry.names;
})();
