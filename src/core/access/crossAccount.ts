/**
 * The KMS operations a principal of another account can call on a key. For any
 * other operation, permissions given to another account have no effect.
 *
 * Source: the "Cross-account use" line of each operation in the AWS KMS API
 * Reference (botocore's KMS service model, data/kms/2014-11-01/service-2.json,
 * botocore 1.43.11, the same model src/core/cloudtrail/data/kmsOperations.ts
 * reads), and the KMS Developer Guide, "Allowing users in other accounts to use
 * a KMS key" ("Cross-account permission is effective only for the following
 * operations"):
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 * The names are IAM actions: ReEncrypt is authorised as ReEncryptFrom and ReEncryptTo.
 */
const CROSS_ACCOUNT = new Set([
  'creategrant', 'decrypt', 'derivesharedsecret', 'describekey', 'encrypt', 'generatedatakey', 'generatedatakeypair',
  'generatedatakeypairwithoutplaintext', 'generatedatakeywithoutplaintext', 'generatemac', 'getkeyrotationstatus', 'getpublickey',
  'listgrants', 'reencryptfrom', 'reencryptto', 'retiregrant', 'revokegrant', 'sign', 'verify', 'verifymac',
]);

/** Whether `kms:<name>` (lower case, without the prefix) can be used on a key of another account. */
export function crossAccountAction(name: string): boolean {
  return CROSS_ACCOUNT.has(name);
}
