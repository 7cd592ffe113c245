/** Which KMS operations use a key: what grants allow, what a stopped key refuses, what an alarm watches for. */

/** Cryptographic operations, and the grant operation each one needs. ReEncrypt needs one per key. */
export const USE_OPERATIONS: ReadonlyMap<string, string> = new Map([
  ['Decrypt', 'Decrypt'],
  ['Encrypt', 'Encrypt'],
  ['GenerateDataKey', 'GenerateDataKey'],
  ['GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext'],
  ['GenerateDataKeyPair', 'GenerateDataKeyPair'],
  ['GenerateDataKeyPairWithoutPlaintext', 'GenerateDataKeyPairWithoutPlaintext'],
  ['Sign', 'Sign'],
  ['Verify', 'Verify'],
  ['GenerateMac', 'GenerateMac'],
  ['VerifyMac', 'VerifyMac'],
  ['DeriveSharedSecret', 'DeriveSharedSecret'],
]);

/** The cryptographic operations, as CloudTrail names them (ReEncrypt is one event). */
export const KEY_USE_EVENT_NAMES: readonly string[] = [...USE_OPERATIONS.keys(), 'ReEncrypt'];

/** Is this eventName a use of a key (a cryptographic operation)? */
export function isKeyUse(eventName: string): boolean {
  return USE_OPERATIONS.has(eventName) || eventName === 'ReEncrypt';
}
