/**
 * Which KMS keys cannot have automatic rotation, as a template declares them.
 * "Automatic key rotation is supported only on symmetric encryption KMS keys.
 * You cannot enable automatic rotation of asymmetric KMS keys, HMAC KMS keys,
 * KMS keys with imported key material, or KMS keys in a custom key store"
 * (KMS API Reference, EnableKeyRotation); CloudFormation's AWS::KMS::Key says
 * to omit EnableKeyRotation or set it to false for asymmetric and HMAC keys
 * and keys with Origin EXTERNAL. Only literal values are judged: a value a
 * template function, a parameter or a variable gives is not known here.
 */
import { KMS_ENUMS } from '../data/kmsFacts';

/** Why a key cannot rotate automatically. */
export type NoRotation =
  | { reason: 'keySpec'; value: string } // asymmetric (RSA, ECC, SM2, ML-DSA) or HMAC
  | { reason: 'imported' } // Origin EXTERNAL: imported key material
  | { reason: 'customKeyStore' }; // in a CloudHSM or external key store

/** A KeySpec KMS knows that is not SYMMETRIC_DEFAULT: an asymmetric or HMAC key (an unknown spec fails CreateKey for its own reason). */
export function isNonSymmetricSpec(spec: unknown): spec is string {
  return typeof spec === 'string' && spec !== 'SYMMETRIC_DEFAULT' && (KMS_ENUMS.KeySpec as readonly string[]).includes(spec);
}

/** A literal `true` (a boolean, or the string CloudFormation and Terraform also take). */
export function isLiteralTrue(v: unknown): boolean {
  return v === true || v === 'true';
}

/** The key a template's literal properties describe cannot rotate automatically, and why; undefined when it can or it is not known. */
export function noRotation(keySpec: unknown, origin: unknown, customKeyStore = false): NoRotation | undefined {
  if (isNonSymmetricSpec(keySpec)) return { reason: 'keySpec', value: keySpec };
  if (origin === 'EXTERNAL') return { reason: 'imported' };
  if (customKeyStore) return { reason: 'customKeyStore' };
  return undefined;
}
